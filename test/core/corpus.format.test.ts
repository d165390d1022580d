// The detection corpus (test/fixtures/corpus/README.md): every catalog
// service has its folder of failure pages and normal pages, each page opens
// with one valid metadata line, and no page loads anything from outside.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/catalog.ts';
import { PAGE_SIGNALS } from '../../src/core/protocolValues.ts';

const CORPUS_DIR = join(process.cwd(), 'test/fixtures/corpus');
const EXPECTS: readonly string[] = [...PAGE_SIGNALS, 'none'];
const LANGS = ['en', 'bn', 'hi', 'es'];
const KEYS = ['expect', 'state', 'lang', 'path', 'appearsAfterMs', 'loggedIn', 'source'];
/** Services whose web UI exists in Bengali: their corpus must hold Bengali failure pages. */
const BENGALI_UI = ['x', 'facebook'];
const METADATA_LINE = /^<!-- corpus: (\{.*\}) -->$/;
/** A resource the page would fetch from another origin (anchors may link out; nothing may load). */
const EXTERNAL_LOAD = /<(?:script|img|iframe|link|video|audio|source|embed)\b[^>]*\s(?:src|href)="(?:https?:)?\/\//i;

interface Page {
  file: string;
  meta: Record<string, unknown>;
  html: string;
}

function pagesOf(id: string): Page[] {
  const dir = join(CORPUS_DIR, id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const [first, ...rest] = text.split('\n');
      const match = METADATA_LINE.exec(first ?? '');
      return { file, meta: match ? (JSON.parse(match[1]!) as Record<string, unknown>) : {}, html: rest.join('\n') };
    });
}

describe.each(CATALOG.map((s) => [s.id] as const))('corpus of %s', (id) => {
  const pages = pagesOf(id);

  it('opens every page with a complete metadata line', () => {
    for (const { file, meta } of pages) {
      expect(Object.keys(meta), file).toEqual(KEYS);
      expect(EXPECTS, file).toContain(meta.expect);
      expect(LANGS, file).toContain(meta.lang);
      expect(meta.state, file).toEqual(expect.stringMatching(/\S/));
      expect(meta.source, file).toEqual(expect.stringMatching(/\S/));
      expect(meta.path, file).toEqual(expect.stringMatching(/^\//));
      expect(Number.isInteger(meta.appearsAfterMs) && (meta.appearsAfterMs as number) >= 0, file).toBe(true);
      expect(typeof meta.loggedIn, file).toBe('boolean');
    }
  });

  it('has at least 5 failure pages and 3 normal pages', () => {
    expect(pages.filter((p) => p.meta.expect !== 'none').length).toBeGreaterThanOrEqual(5);
    expect(pages.filter((p) => p.meta.expect === 'none').length).toBeGreaterThanOrEqual(3);
  });

  it('marks a logout page as seen logged in before, and loads nothing from outside', () => {
    for (const { file, meta, html } of pages) {
      if (meta.expect === 'logout') expect(meta.loggedIn, file).toBe(true);
      expect(EXTERNAL_LOAD.test(html), file).toBe(false);
      expect(html, file).toMatch(/^<!doctype html>/i);
    }
  });
});

describe.each(BENGALI_UI.map((id) => [id] as const))('corpus of %s (Bengali UI)', (id) => {
  it('has failure pages in Bengali', () => {
    expect(pagesOf(id).filter((p) => p.meta.expect !== 'none' && p.meta.lang === 'bn').length).toBeGreaterThan(0);
  });
});
