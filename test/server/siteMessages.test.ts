// The site's messages (src/site/messages/) are complete in English and
// Bengali, and every key the site's code asks for exists there or in the
// extension's locales (the server renders with both: server/site/siteMessages.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVELS } from '../../src/core/protocolValues.ts';
import { SITE_MESSAGES } from '../../server/site/siteMessages.ts';

type Messages = Record<string, { message: string }>;
const ROOT = process.cwd();
const load = (language: string) => JSON.parse(readFileSync(join(ROOT, 'src/site/messages', `${language}.json`), 'utf8')) as Messages;
const en = load('en');
const bn = load('bn');
const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

const files = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(join(ROOT, dir, f), 'utf8'));
const code = [...files('src/site'), ...files('server/site')].join('\n');

describe('site messages', () => {
  it('have the same keys and placeholders in English and Bengali, and Bengali text', () => {
    expect(Object.keys(bn).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect({ key, p: placeholders(bn[key]!.message) }).toEqual({ key, p: placeholders(message) });
      expect(message.length).toBeGreaterThan(0);
    }
    const bengali = Object.entries(bn).filter(([key]) => !['site_utc', 'site_badgeTitle', 'site_langSwitch'].includes(key));
    for (const [key, { message }] of bengali) expect({ key, bengali: /[\u0980-\u09ff]/.test(message) }).toEqual({ key, bengali: true });
  });

  it('cover every key the site asks for, in both languages', () => {
    const literal = [...code.matchAll(/\bt(?:With)?\('([A-Za-z0-9_]+)'/g)].map((m) => m[1]!);
    const built = [...LEVELS.map((l) => `site_badge_${l}`), ...LEVELS.map((l) => `site_aboutLevel_${l}`), ...LEVELS.map((l) => `level_${l}`)];
    expect(literal.length).toBeGreaterThan(40);
    for (const key of [...literal, ...built]) {
      for (const language of ['en', 'bn'] as const) expect({ key, language, text: SITE_MESSAGES[language].getMessage(key) !== '' }).toEqual({ key, language, text: true });
    }
  });
});
