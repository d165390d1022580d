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

/** A clock time (`14:05`) in the UI language. */
export function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
}
