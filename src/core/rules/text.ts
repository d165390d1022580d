// Text matching for rule packs: plain, case-insensitive substrings after one
// normalisation applied to both the page's text and the pack's patterns, so
// "Couldn’t", "Couldn't" and "COULDN'T" match alike, and a Bengali text
// typed with precomposed or decomposed letters (য় / য়) matches too.
import type { TextMatcher, TextPatterns } from './schema.ts';

// Zero-width characters (including ZWJ/ZWNJ, which Bengali uses for conjunct
// shapes only) are dropped from both sides, so they never break a match.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032`]/g;
const QUOTES = /[\u201C\u201D\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const ELLIPSIS = /\u2026/g;
const SPACES = /\s+/g;

/** NFKC, lower case, one apostrophe/quote/dash form, no invisible characters, single spaces. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(ELLIPSIS, '...')
    .replace(SPACES, ' ')
    .trim();
}

/** All patterns of all languages, normalised, without empties or repeats. */
export function normalisedPatterns(texts: TextPatterns | undefined): string[] {
  if (!texts) return [];
  const out = new Set<string>();
  for (const list of Object.values(texts)) {
    for (const text of list) {
      const pattern = normaliseText(text);
      if (pattern) out.add(pattern);
    }
  }
  return [...out];
}

/** A matcher's text test, prepared once: patterns normalised, mode fixed. */
export interface TextTest {
  /** True when the element's presence alone matches (the matcher has no texts). */
  presenceOnly: boolean;
  /** Whether an already normalised text matches. */
  matches(normalisedText: string): boolean;
}

export function compileTextTest(matcher: Pick<TextMatcher, 'texts' | 'textMatch'>): TextTest {
  const patterns = normalisedPatterns(matcher.texts);
  if (patterns.length === 0) return { presenceOnly: true, matches: () => true };
  if (matcher.textMatch === 'equals') {
    const set = new Set(patterns);
    return { presenceOnly: false, matches: (text) => set.has(text) };
  }
  return { presenceOnly: false, matches: (text) => patterns.some((p) => text.includes(p)) };
}

/** `location.pathname` is under one of the prefixes (`/login` covers `/login/x`, not `/loginhelp`). */
export function pathMatchesPrefix(pathname: string, prefixes: readonly string[]): boolean {
  const path = pathname.toLowerCase();
  return prefixes.some((raw) => {
    const prefix = raw.toLowerCase().replace(/\/+$/, '');
    return prefix === '' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`);
  });
}
