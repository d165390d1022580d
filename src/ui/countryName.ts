import { t, uiLanguage } from './i18n.ts';

let regionNames: Intl.DisplayNames | null | undefined;

/** A country's name in the UI language (`BD` → "Bangladesh" / "বাংলাদেশ"); `other` is the bucket of small countries. */
export function countryName(code: string): string {
  if (code === 'other') return t('countryOther');
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames([uiLanguage()], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}
