// Every visible string of the extension and of the public status site goes
// through here. In the extension the messages are the browser's own i18n
// (`public/_locales/{en,bn}/messages.json`); the site renders each page on the
// server in a language it chose, with withMessages (docs/site.md). Components
// are the same in both.

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

/**
 * The message `key` of the UI language, with `$1`… substitutions.
 * A missing key shows as `⟦key⟧` instead of an empty string, so a gap is
 * visible on screen and caught by the i18n completeness test.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = source()?.getMessage(key, substitutions) ?? '';
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

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the UI language's digits (Bengali digits in `bn`). */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  const key = `${uiLanguage()}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A clock time in the UI language: `2:05 PM` in English, `১৪:০৫` in Bengali (ICU would mix in a Latin "PM").
 * `timeZone` fixes the zone (the site renders in UTC and names it); by default the reader's own.
 */
export function formatTime(epochMs: number, timeZone?: string): string {
  const language = uiLanguage();
  const hour12 = language.startsWith('bn') ? false : undefined;
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', hour12, timeZone }).format(new Date(epochMs));
}
