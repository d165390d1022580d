// Both locales are complete and every key the code uses exists: a missing key
// would show as ⟦key⟧ on screen (or an empty notification) instead of text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEMS, LEVELS, SIGNALS } from '../../src/core/protocol.ts';

const ROOT = process.cwd();
type Messages = Record<string, { message: string; description?: string }>;
const load = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages;
const en = load('en');
const bn = load('bn');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
// The status site's pages (src/site/) render on the server with their own messages over these
// (server/site/siteMessages.ts); test/server/siteMessages.test.ts holds them.
const sources = sourceFiles(join(ROOT, 'src'))
  .filter((path) => !relative(ROOT, path).startsWith(join('src', 'site')))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Placeholders `$1`…`$9` a message uses (chrome.i18n positional substitutions). */
const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

// Keys built at run time from a template, and every value the template can take.
const OUTCOMES = ['counted', 'duplicate', 'suppressed', 'queued', 'rejected'];
const DYNAMIC_KEYS: Record<string, string[]> = {
  'level_${level}': [...new Set([...LEVELS, 'recovering'])].map((l) => `level_${l}`),
  'problem_${p}': PROBLEMS.map((p) => `problem_${p}`),
  'problem_${p.problem}': PROBLEMS.map((p) => `problem_${p}`),
  "signalCount_${signal}_${count === 1 ? 'one' : 'other'}": SIGNALS.flatMap((s) => [`signalCount_${s}_one`, `signalCount_${s}_other`]),
  'signalName_${entry.signal}': SIGNALS.map((s) => `signalName_${s}`),
  'blamed_${entry.blamed}': ['blamed_service', 'blamed_own_connection'],
  'reportOutcome_${outcome}': OUTCOMES.map((o) => `reportOutcome_${o}`),
  'outcomeShort_${lastReport.outcome}': OUTCOMES.map((o) => `outcomeShort_${o}`),
  'consentSent_${item}': ['service', 'problem', 'source', 'time', 'client', 'country'].map((i) => `consentSent_${i}`),
};

describe('locales', () => {
  it('have the same keys in English and Bengali', () => {
    expect(Object.keys(bn).sort()).toEqual(Object.keys(en).sort());
  });

  it('use only key names chrome.i18n accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('use the same placeholders in both languages, and no stray $ signs', () => {
    for (const [key, { message }] of Object.entries(en)) {
      expect({ key, placeholders: placeholders(bn[key]?.message ?? '') }).toEqual({ key, placeholders: placeholders(message) });
      for (const text of [message, bn[key]?.message ?? '']) expect(text.replace(/\$(\$|[1-9])/g, '')).not.toContain('$');
    }
  });

  it('have no empty message and Bengali text for every Bengali message (product names excepted)', () => {
    const SAME_IN_BOTH = new Set(['extName']);
    for (const [key, { message }] of Object.entries(bn)) {
      expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, english: en[key]?.message.trim() === '' }).toEqual({ key, english: false });
      if (SAME_IN_BOTH.has(key)) continue;
      expect({ key, bengaliScript: /[\u0980-\u09FF]/.test(message) }).toEqual({ key, bengaliScript: true });
    }
  });

  it('contain every key the source code asks for by name', () => {
    const used = new Map<string, string>();
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/\b(?:t|getMessage|message)\(\s*'([A-Za-z0-9_]+)'/g)) used.set(match[1]!, path);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !en[key]).map(([key, path]) => `${key} (${path})`);
    expect(missing).toEqual([]);
  });

  it('contain every value of every key built from a template, and no template goes unchecked', () => {
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/\bt\(\s*`([^`]*)`/g)) {
        const template = match[1]!;
        expect({ template, path, known: template in DYNAMIC_KEYS }).toEqual({ template, path, known: true });
      }
    }
    const missing = Object.values(DYNAMIC_KEYS).flat().filter((key) => !en[key]);
    expect(missing).toEqual([]);
  });

  it('hold no key that nothing uses (a stale key is text nobody sees, yet translators keep it)', () => {
    const everything = sources.map((s) => s.text).join('\n') + readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const reachable = new Set(Object.values(DYNAMIC_KEYS).flat());
    const unused = Object.keys(en).filter((key) => !reachable.has(key) && !everything.includes(`'${key}'`) && !everything.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });


  it('keep the store listing within Chrome Web Store limits in both languages', () => {
    for (const messages of [en, bn]) {
      expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });

  it('contain every __MSG_key__ the manifest names', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);
    expect(keys).toContain('extName');
    expect(keys.filter((key) => !en[key])).toEqual([]);
  });
});
