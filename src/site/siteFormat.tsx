// Times and durations on the site. Pages are rendered once for every reader,
// so times are written in UTC with the zone named; the optional script
// (server/site/assets/site.js) rewrites each <time> in the reader's own zone.
import type { ComponentChild } from 'preact';
import { formatNumber, t, uiLanguage } from '../ui/i18n.ts';
import type { SiteLanguage } from './siteLanguages.ts';

const MINUTE_MS = 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone: 'UTC', hour: 'numeric', minute: '2-digit', hour12: language.startsWith('bn') ? false : undefined,
      ...(withDate ? { day: 'numeric', month: 'short' } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/** `10:05 UTC` / `১০:০৫ UTC`; with the date: `5 Dec, 10:05 UTC`. */
export function utcText(epochMs: number, withDate = false): string {
  return `${format(uiLanguage(), withDate).format(new Date(epochMs))} ${t('site_utc')}`;
}

/** A time as a <time> element the script can show in the reader's zone (`data-date` keeps the date part). */
export function Time({ ms, withDate = false }: { ms: number; withDate?: boolean }) {
  return (
    <time dateTime={new Date(ms).toISOString()} data-local={withDate ? 'datetime' : 'time'}>
      {utcText(ms, withDate)}
    </time>
  );
}

/** `45 min`, `2 h 5 min`, `3 d 4 h`, in the UI language's digits. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  if (minutes < 60) return t('site_durationMinutes', formatNumber(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('site_durationHours', [formatNumber(hours), formatNumber(minutes % 60)]);
  return t('site_durationDays', [formatNumber(Math.floor(hours / 24)), formatNumber(hours % 24)]);
}

/** A baseline like 12.5 reads "13"; a small one like 0.4 keeps its decimal. */
export function formatUsual(value: number): string {
  return formatNumber(value, value < 10 ? 1 : 0);
}

/** A site path with the page's language, so the language choice sticks from link to link. */
export function siteHref(path: string, language: SiteLanguage, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...query, lang: language });
  return `${path}?${params.toString()}`;
}

/** The path of a service's page (a domain needs no escaping in a path; encodeURIComponent keeps it so). */
export const servicePath = (id: string) => `/s/${encodeURIComponent(id)}`;

/** A message whose substitutions are elements (a <time>, a link): the translated order of text and parts is kept. */
export function tWith(key: string, parts: readonly ComponentChild[]): ComponentChild[] {
  const text = t(key, parts.map((_, i) => `\u0000${i}\u0000`));
  return text.split(/\u0000(\d)\u0000/).map((piece, i) => (i % 2 === 1 ? parts[Number(piece)] : piece));
}
