// Every visible string of the extension and of the public status site goes
// through here. In the extension the messages are the browser's own i18n
// (`public/_locales/{en,bn}/messages.json`); the site renders each page on the
// server in a language it chose, with withMessages (docs/site.md). The formats
// themselves live in texts.ts, shared by both.
import { formatNumberIn, formatTimeIn, makeTexts, type Texts } from './texts.ts';

/** Where messages and the language come from (chrome.i18n's two synchronous calls). */
export interface MessageSource {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

/** The source of the page being rendered on the server, if any. Rendering is synchronous, so one slot suffices. */
let rendering: MessageSource | undefined;

/** Runs `render` with `source` in place of the browser's i18n, and gives back what it returns. */
export function withMessages<T>(source: MessageSource, render: () => T): T {
  const previous = rendering;
  rendering = source;
  try {
    return render();
  } finally {
    rendering = previous;
  }
}

type I18nGlobal = { browser?: { i18n?: MessageSource }; chrome?: { i18n?: MessageSource } };

/** The browser's i18n: `browser.i18n` in Firefox, `chrome.i18n` in Chrome (both synchronous; no polyfill needed). */
function source(): MessageSource | undefined {
  if (rendering) return rendering;
  const platform = globalThis as I18nGlobal;
  return platform.browser?.i18n ?? platform.chrome?.i18n;
}

const lookup = (key: string, substitutions?: string | string[]) => source()?.getMessage(key, substitutions) ?? '';

/**
 * The message `key` of the UI language, with `$1`… substitutions.
 * A missing key shows as `⟦key⟧` instead of an empty string, so a gap is
 * visible on screen and caught by the i18n completeness test.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = lookup(key, substitutions);
  return text === '' ? `⟦${key}⟧` : text;
}

/** The UI language (`en`, `bn`, `bn-BD` …); numbers and dates are formatted in it. */
export function uiLanguage(): string {
  try {
    return source()?.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** A number in the UI language's digits (Bengali digits in `bn`). */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return formatNumberIn(uiLanguage(), value, maximumFractionDigits);
}

/** A clock time in the UI language: `2:05 PM` in English, `১৪:০৫` in Bengali; `timeZone` fixes the zone (the site renders in UTC). */
export function formatTime(epochMs: number, timeZone?: string): string {
  return formatTimeIn(uiLanguage(), epochMs, timeZone);
}

/** The current texts, for the components shared with the status site; `timeZone` as for formatTime. */
export function uiTexts(timeZone?: string): Texts {
  return makeTexts(uiLanguage(), lookup, timeZone);
}
