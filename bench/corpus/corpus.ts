// The detection corpus (test/fixtures/corpus/README.md): every page with its
// metadata line, read and checked. A page without a valid line is an error,
// not a skipped page.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../src/core/catalog.ts';
import { PAGE_SIGNALS, type PageSignal } from '../../src/core/protocolValues.ts';

export const CORPUS_DIR = process.env.CORPUS_DIR ?? join(process.cwd(), 'test/fixtures/corpus');

export type Expectation = PageSignal | 'none';

export interface CorpusPage {
  service: string;
  file: string;
  expect: Expectation;
  state: string;
  lang: string;
  path: string;
  appearsAfterMs: number;
  loggedIn: boolean;
  html: string;
}

const LINE = /^<!--\s*corpus:\s*(\{.*\})\s*-->/;

function parsePage(service: string, file: string, html: string): CorpusPage {
  const json = LINE.exec(html)?.[1];
  if (!json) throw new Error(`${service}/${file}: no "<!-- corpus: {…} -->" first line`);
  const meta = JSON.parse(json) as Record<string, unknown>;
  const expect = meta.expect;
  if (expect !== 'none' && !PAGE_SIGNALS.includes(expect as PageSignal)) throw new Error(`${service}/${file}: expect ${String(expect)} is not none or a page signal`);
  if (typeof meta.lang !== 'string' || typeof meta.path !== 'string' || !meta.path.startsWith('/')) throw new Error(`${service}/${file}: lang and path are required`);
  const after = meta.appearsAfterMs ?? 0;
  if (typeof after !== 'number' || !(after >= 0)) throw new Error(`${service}/${file}: appearsAfterMs must be a number ≥ 0`);
  return {
    service,
    file,
    expect: expect as Expectation,
    state: typeof meta.state === 'string' ? meta.state : file,
    lang: meta.lang,
    path: meta.path,
    appearsAfterMs: after,
    loggedIn: meta.loggedIn !== false,
    html,
  };
}

/** Every corpus page of every catalog service that has a folder, in catalog then file-name order. */
export function loadCorpus(dir = CORPUS_DIR): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const { id } of CATALOG) {
    const folder = join(dir, id);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.html')).sort()) {
      pages.push(parsePage(id, file, readFileSync(join(folder, file), 'utf8')));
    }
  }
  return pages;
}
