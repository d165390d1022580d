// The UI's words and number/time formats for one language, with no browser
// API: the extension builds one from chrome.i18n (src/ui/i18n.ts), the public
// status site from the same `public/_locales/*/messages.json` files, so the
// shared components (ReportsChart, the verdict) render identically in both.

/** A `messages.json` file: key → `{ message }` with `$1`… substitutions. */
export type Messages = Record<string, { message: string }>;

export interface Texts {
  /** `en`, `bn`, `bn-BD` …: numbers and times are formatted in it. */
  readonly lang: string;
  /** The message `key` with `$1`… substitutions; a missing key shows as `⟦key⟧` so the gap is visible. */
  t(key: string, substitutions?: string | string[]): string;
  /** A number in the language's digits (Bengali digits in `bn`). */
  number(value: number, maximumFractionDigits?: number): string;
  /** A clock time: `2:05 PM` in English, `১৪:০৫` in Bengali (ICU would mix in a Latin "PM"). */
  time(epochMs: number): string;
  /** A day and time (`Dec 4, 2:05 PM`), for moments not of today. */
  dayTime(epochMs: number): string;
}

/** chrome.i18n semantics: `$1`…`$9` are substitutions, `$$` a literal dollar, a missing key is ''. */
export function messageFrom(messages: Messages, key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumberIn(lang: string, value: number, maximumFractionDigits = 0): string {
  const key = `${lang}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

function timeFormat(lang: string, withDay: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}|${withDay}|${timeZone ?? ''}`;
  let format = timeFormats.get(key);
  if (!format) {
    const hour12 = lang.startsWith('bn') ? false : undefined;
    format = new Intl.DateTimeFormat(lang, {
      hour: 'numeric', minute: '2-digit', hour12, timeZone,
      ...(withDay ? { month: 'short', day: 'numeric' } : {}),
    });
    timeFormats.set(key, format);
  }
  return format;
}

export function formatTimeIn(lang: string, epochMs: number, timeZone?: string): string {
  return timeFormat(lang, false, timeZone).format(new Date(epochMs));
}

/**
 * Texts over a lookup function (chrome.i18n's `getMessage`, or `messageFrom`
 * over a loaded file). `timeZone` is for the server, which renders for readers
 * elsewhere; the extension leaves it to the browser's own.
 */
export function makeTexts(lang: string, lookup: (key: string, substitutions?: string | string[]) => string, timeZone?: string): Texts {
  return {
    lang,
    t(key, substitutions) {
      const text = lookup(key, substitutions);
      return text === '' ? `⟦${key}⟧` : text;
    },
    number: (value, digits = 0) => formatNumberIn(lang, value, digits),
    time: (epochMs) => formatTimeIn(lang, epochMs, timeZone),
    dayTime: (epochMs) => timeFormat(lang, true, timeZone).format(new Date(epochMs)),
  };
}

/** Texts from a loaded `messages.json` (the status site, tests). */
export function textsFromMessages(lang: string, messages: Messages, timeZone?: string): Texts {
  return makeTexts(lang, (key, subs) => messageFrom(messages, key, subs), timeZone);
}
