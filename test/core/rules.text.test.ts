import { describe, expect, it } from 'vitest';
import { compactText, compileTextTest, normaliseText, normalisedPatterns, pathMatchesPrefix } from '../../src/core/rules/text.ts';

describe('normaliseText', () => {
  it('folds case, curly apostrophes and runs of white space', () => {
    expect(normaliseText('  COULDN’T\n\trefresh   feed ')).toBe("couldn't refresh feed");
  });
  it('makes precomposed and decomposed Bengali letters equal', () => {
    // য় as one code point (U+09DF) and as য + nukta (U+09AF U+09BC)
    expect(normaliseText('\u09B9\u09DF\u09C7\u099B\u09C7')).toBe(normaliseText('\u09B9\u09AF\u09BC\u09C7\u099B\u09C7'));
  });
  it('drops zero-width characters and unifies dashes', () => {
    expect(normaliseText('Some\u200Bthing — went')).toBe('something - went');
  });
});

describe('compileTextTest', () => {
  it('matches any language’s pattern as a substring', () => {
    const test = compileTextTest({ texts: { en: ['Something went wrong'], bn: ['কিছু ভুল হয়েছে'] } });
    expect(test.match(compactText('Oops. Something went wrong. Try reloading.'))).toBe('somethingwentwrong');
    expect(test.match(compactText('দুঃখিত, কিছু ভুল হয়েছে।'))).toBeDefined();
    expect(test.match(compactText('Everything is fine'))).toBeUndefined();
  });
  it('requires the whole text for equals matchers (a control label, not a sentence)', () => {
    const test = compileTextTest({ texts: { en: ['Retry'] }, textMatch: 'equals' });
    expect(test.match(compactText(' Retry '))).toBe('retry');
    expect(test.match(compactText('retry later maybe'))).toBeUndefined();
  });
  it('matches text split across elements, with other punctuation, quotes, dashes and ellipses', () => {
    const test = compileTextTest({ texts: { en: ['Something went wrong. Try reloading'], bn: ['কিছু ভুল হয়েছে। আবার লোড করার চেষ্টা করুন'] } });
    // Text nodes of adjacent spans joined without a space, a line break, a full-width stop.
    expect(test.match(compactText('Something went wrong.Try\n reloading'))).toBeDefined();
    expect(test.match(compactText('SOMETHING WENT WRONG\uFF0E TRY RELOADING…'))).toBeDefined();
    expect(test.match(compactText('কিছু ভুল হয়েছে. আবার লোড করার চেষ্টা করুন।'))).toBeDefined();
    const quoted = compileTextTest({ texts: { en: ['Couldn’t refresh feed — try again…'] } });
    expect(quoted.match(compactText("Couldn't refresh feed - try again..."))).toBeDefined();
    expect(quoted.match(compactText('Could not refresh feed'))).toBeUndefined();
  });
  it('matches on presence when a matcher has no texts', () => {
    expect(compileTextTest({}).presenceOnly).toBe(true);
  });
  it('normalises the pack’s own patterns too', () => {
    expect(normalisedPatterns({ en: ['Couldn’t  Load', "couldn't load"] })).toEqual(["couldn't load"]);
  });
});

describe('pathMatchesPrefix', () => {
  it('matches a path and its sub-paths, not look-alikes', () => {
    expect(pathMatchesPrefix('/i/flow/login', ['/i/flow/login'])).toBe(true);
    expect(pathMatchesPrefix('/accounts/login/', ['/accounts/login'])).toBe(true);
    expect(pathMatchesPrefix('/login.php', ['/login.php'])).toBe(true);
    expect(pathMatchesPrefix('/loginhelp', ['/login'])).toBe(false);
    expect(pathMatchesPrefix('/home', ['/login'])).toBe(false);
  });
  it('treats "/" as the root page only', () => {
    expect(pathMatchesPrefix('/', ['/'])).toBe(true);
    expect(pathMatchesPrefix('/home', ['/'])).toBe(false);
  });
});
