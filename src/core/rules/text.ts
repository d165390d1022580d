// Text matching for rule packs: plain, case-insensitive substrings after one
// normalisation applied to both the page's text and the pack's patterns, so
// "Couldn’t", "Couldn't" and "COULDN'T" match alike, and a Bengali text
// typed with precomposed or decomposed letters (য় / য়) matches too.
//
// Matching compares the compact form (`compactText`): the normalised text
// without whitespace, punctuation or symbols. Real markup splits a message
// across elements ("Something went wrong." in one span, "Try reloading." in
// the next), with or without a space between them, ends a Bengali sentence
// with "।" where the pack wrote ".", and uses "…" or "..."; none of that
// changes the compact form (docs/detection.md, "Normalisation").
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

// Whitespace, punctuation (quotes, apostrophes, dashes, dots, dandas) and
// symbols (emoji, arrows); letters, marks (Bengali and Devanagari vowel signs)
// and digits stay.
const NOT_WORD = /[\s\p{P}\p{S}]/gu;

/** The form texts are compared in: normalised, without spaces, punctuation or symbols. */
export function compactText(text: string): string {
  return normaliseText(text).replace(NOT_WORD, '');
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

/** All patterns of all languages in compact form (`compactText`), without empties or repeats. */
export function compactPatterns(texts: TextPatterns | undefined): string[] {
  return [...new Set(normalisedPatterns(texts).map((p) => p.replace(NOT_WORD, '')))].filter(Boolean);
}

/** A matcher's text test, prepared once: patterns in compact form, mode fixed. */
export interface TextTest {
  /** True when the element's presence alone matches (the matcher has no texts). */
  presenceOnly: boolean;
  /** `equals` (a control's whole label) or `contains` (a message inside its container). */
  equals: boolean;
  /** The compact patterns (empty when presence alone matches). */
  patterns: readonly string[];
  /** The pattern a compact text matches, or undefined. */
  match(compact: string): string | undefined;
}

export function compileTextTest(matcher: Pick<TextMatcher, 'texts' | 'textMatch'>): TextTest {
  const patterns = compactPatterns(matcher.texts);
  const equals = matcher.textMatch === 'equals';
  if (patterns.length === 0) return { presenceOnly: true, equals, patterns, match: () => '' };
  if (equals) {
    const set = new Set(patterns);
    return { presenceOnly: false, equals, patterns, match: (text) => (set.has(text) ? text : undefined) };
  }
  return { presenceOnly: false, equals, patterns, match: (text) => patterns.find((p) => text.includes(p)) };
}

/** `location.pathname` is under one of the prefixes (`/login` covers `/login/x`, not `/loginhelp`). */
export function pathMatchesPrefix(pathname: string, prefixes: readonly string[]): boolean {
  const path = pathname.toLowerCase();
  return prefixes.some((raw) => {
    const prefix = raw.toLowerCase().replace(/\/+$/, '');
    return prefix === '' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`);
  });
}
