// Every visible string of the extension goes through here, so both locales
// (`public/_locales/{en,bn}/messages.json`) stay the single source of text.
// The formats themselves live in texts.ts, shared with the status site.
import browser from 'webextension-polyfill';
import { formatNumberIn, formatTimeIn, makeTexts, type Texts } from './texts.ts';

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

/** A number in the UI language's digits (Bengali digits in `bn`). */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return formatNumberIn(uiLanguage(), value, maximumFractionDigits);
}

/** A clock time in the UI language: `2:05 PM` in English, `১৪:০৫` in Bengali. */
export function formatTime(epochMs: number): string {
  return formatTimeIn(uiLanguage(), epochMs);
}

/** The extension's texts, for the components shared with the status site. */
export function uiTexts(): Texts {
  return makeTexts(uiLanguage(), (key, subs) => browser.i18n.getMessage(key, subs));
}
