import { t, uiLanguage } from './i18n.ts';

const regionNames = new Map<string, Intl.DisplayNames | null>();

function namesFor(language: string): Intl.DisplayNames | null {
  if (!regionNames.has(language)) {
    try {
      regionNames.set(language, new Intl.DisplayNames([language], { type: 'region' }));
    } catch {
      regionNames.set(language, null);
    }
  }
  return regionNames.get(language) ?? null;
}

/** A country's name in the UI language (`BD` → "Bangladesh" / "বাংলাদেশ"); `other` is the bucket of small countries. */
export function countryName(code: string): string {
  if (code === 'other') return t('countryOther');
  try {
    return namesFor(uiLanguage())?.of(code) ?? code;
  } catch {
    return code;
  }
}
