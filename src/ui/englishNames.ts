// DESIGN §9: these controls keep their English names in every locale, as their
// accessible names, so people and tests can find them whatever the UI language.
export const ENGLISH_NAMES = {
  reportButton: 'Report a problem',
} as const;
export type EnglishNamedKey = keyof typeof ENGLISH_NAMES;
