// Every visible string of the extension goes through here, so both locales
// (`public/_locales/{en,bn}/messages.json`) stay the single source of text.
import browser from 'webextension-polyfill';

/**
 * The message `key` of the browser's UI locale, with `$1`… substitutions.
 * A missing key shows as `⟦key⟧` instead of an empty string, so a gap is
 * visible on screen and caught by the i18n completeness test.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = browser.i18n.getMessage(key, substitutions);
  return text === '' ? `⟦${key}⟧` : text;
}

/** The UI language (`en`, `bn`, `bn-BD` …); numbers and dates are formatted in it. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
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

/** A clock time in the UI language: `2:05 PM` in English, `১৪:০৫` in Bengali (ICU would mix in a Latin "PM"). */
export function formatTime(epochMs: number): string {
  const language = uiLanguage();
  const hour12 = language.startsWith('bn') ? false : undefined;
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', hour12 }).format(new Date(epochMs));
}
