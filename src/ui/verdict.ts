// The verdict as one sentence (docs/incidents.md): what is happening, since
// when, how many reports against the usual, and what this browser itself saw.
// Pure, so the popup and the public status site say exactly the same thing.
import { LIMITS } from '../core/protocolValues.ts';
import type { Level } from '../core/protocolValues.ts';
import { shownLevel, type StatusView } from '../core/statusView.ts';
import type { Texts } from './texts.ts';

/** What this browser saw of the service (src/core/isItJustMe.ts), largest count first. */
export interface OwnView {
  verdict: 'service' | 'own_connection' | 'none';
  signals: readonly { signal: string; count: number }[];
}

export type YouKind = 'not_just_you' | 'own_connection' | 'only_you';

export interface Headline {
  level: Level;
  learning: boolean;
  /** "X is down for many people" */
  lead: string;
  /** "since 2:34 AM": the incident's start, null when there is none. */
  since: string | null;
  /** "3,665 reports in 15 min (usually ~10)"; during recovery the peak comes first. */
  figures: string;
  /** The crowd against this browser's own signals; null when neither says anything. */
  you: { kind: YouKind; text: string } | null;
}

/** Incidents older than this show their start with the day, not only the time. */
export const SAME_DAY_MS = 18 * 60 * 60_000;

/** A usual count like 12.5 reads "13"; a small one like 0.4 keeps its decimal. */
export function formatUsual(texts: Texts, value: number): string {
  return texts.number(value, value < 10 ? 1 : 0);
}

export function sinceText(texts: Texts, since: number, now: number): string {
  return texts.t('verdictSince', now - since > SAME_DAY_MS ? texts.dayTime(since) : texts.time(since));
}

/** "3 error banners" — chrome.i18n has no plural rules, so one/other are two keys. */
export function signalCountText(texts: Texts, signal: string, count: number): string {
  return texts.t(`signalCount_${signal}_${count === 1 ? 'one' : 'other'}`, texts.number(count));
}

export function reportsText(texts: Texts, count: number): string {
  return texts.t(count === 1 ? 'verdictReports_one' : 'verdictReports_other', [texts.number(count), texts.number(LIMITS.statusWindowMinutes)]);
}

function figuresText(status: StatusView, level: Level, texts: Texts): string {
  const usual = status.learning ? texts.t('verdictUsualLearning') : texts.t('verdictUsual', formatUsual(texts, status.baseline));
  const now = `${reportsText(texts, status.count)} ${usual}`;
  if (level === 'recovering' && status.peak) return `${texts.t('verdictPeak', texts.number(status.peak.count))} · ${now}`;
  return now;
}

function leadText(name: string, level: Level, learning: boolean, texts: Texts): string {
  if (level === 'ok') return texts.t(learning ? 'verdictLead_ok_learning' : 'verdictLead_ok', name);
  if (level === 'recovering') return texts.t('verdictLead_recovering', name);
  if (level === 'warning') return texts.t('verdictLead_warning', name);
  return texts.t('verdictLead_outage', name);
}

function youLine(name: string, level: Level, own: OwnView | undefined, texts: Texts): Headline['you'] {
  if (!own) return null;
  if (own.verdict === 'own_connection') return { kind: 'own_connection', text: texts.t('youOwnConnection', name) };
  const top = own.verdict === 'service' ? own.signals[0] : undefined;
  const seen = top ? signalCountText(texts, top.signal, top.count) : null;
  if (level !== 'ok') {
    return { kind: 'not_just_you', text: seen ? texts.t('youNotJust_seen', [seen, name]) : texts.t('youNotJust', name) };
  }
  return seen ? { kind: 'only_you', text: texts.t('youOnly', [seen, name]) } : null;
}

/** What this browser saw when there are no crowd figures to set it against (none fetched yet). */
export function youWithoutFigures(name: string, own: OwnView, texts: Texts): Headline['you'] {
  if (own.verdict === 'own_connection') return { kind: 'own_connection', text: texts.t('youOwnConnection', name) };
  const top = own.verdict === 'service' ? own.signals[0] : undefined;
  return top ? { kind: 'only_you', text: texts.t('youSeen', [signalCountText(texts, top.signal, top.count), name]) } : null;
}

/** The headline for a service's figures, in `texts`' language, as of `now`. */
export function headline(status: StatusView, texts: Texts, now: number, own?: OwnView): Headline {
  const level = shownLevel(status.level);
  const learning = status.learning === true;
  return {
    level,
    learning,
    lead: leadText(status.name, level, learning, texts),
    since: level !== 'ok' && status.since !== null ? sinceText(texts, status.since, now) : null,
    figures: figuresText(status, level, texts),
    you: youLine(status.name, level, own, texts),
  };
}

/** The headline as one line of plain text (notifications, the status site's `<title>`, tests). */
export function headlineText(h: Headline): string {
  return `${h.lead}${h.since ? ` — ${h.since}` : ''} · ${h.figures}`;
}
