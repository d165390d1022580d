// Adding a service is adding data (docs/adding-a-service.md): one catalog
// entry, one rules file, its fixture pages. Everything else derives from the
// catalog; this test fails when a service misses one of its three parts, or
// when a derived list (the e2e suite, the harnesses) would leave it out.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/catalog.ts';
import { pageServiceIdForHost } from '../../src/core/rules/hosts.ts';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';

/** The e2e suite's own lists (plain .mjs, loaded as the e2e runner loads them). */
const e2e = (path: string) => import(/* @vite-ignore */ new URL(path, import.meta.url).href);
const { PAGE_HOST, fakeDomains } = (await e2e('../e2e/lib/hosts.mjs')) as { PAGE_HOST: Record<string, string>; fakeDomains(): string[] };
const { FAILURES } = (await e2e('../e2e/scenarios/03-failure-pages.mjs')) as { FAILURES: { service: string; states: string[] }[] };
const { QUIET_STATES, SERVICES: QUIET_SERVICES } = (await e2e('../e2e/scenarios/06-normal-pages-quiet.mjs')) as { QUIET_STATES: string[]; SERVICES: string[] };

const ROOT = process.cwd();
const RULES_DIR = join(ROOT, 'src/core/rules/services');
const FIXTURES_DIR = join(ROOT, 'test/fixtures/sites');
const statesOf = (id: string) =>
  existsSync(join(FIXTURES_DIR, id)) ? readdirSync(join(FIXTURES_DIR, id)).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)) : [];
const ofKind = (states: string[], kind: string) => states.filter((s) => s === kind || s.startsWith(`${kind}_`));

describe.each(CATALOG.map((s) => [s.id, s] as const))('catalog service %s', (id, service) => {
  it('has its rules file, named after it, and its rules in the bundled pack', () => {
    expect(existsSync(join(RULES_DIR, `${id}.ts`))).toBe(true);
    expect(service.rules.service).toBe(id);
    expect(rulesForService(BUNDLED_RULE_PACK, id)).toBe(service.rules);
  });

  it('has a web app on one of its page hosts', () => {
    expect(pageServiceIdForHost(service.webApp.host)).toBe(id);
    expect(service.webApp.path).toMatch(/^\//);
  });

  it('has fixture pages: a normal page, a quoting page, and a page of every failure its rules detect', () => {
    const states = statesOf(id);
    expect(states).toEqual(expect.arrayContaining(['normal', 'quote']));
    expect(ofKind(states, 'banner').length + ofKind(states, 'feed_stalled').length).toBeGreaterThan(0);
    if (service.rules.banner.length) expect(ofKind(states, 'banner').length).toBeGreaterThan(0);
    if (service.rules.feedStalled.matchers.length) expect(ofKind(states, 'feed_stalled').length).toBeGreaterThan(0);
    if (service.rules.feedStalled.emptyFeed) expect(ofKind(states, 'feed_empty').length).toBeGreaterThan(0);
    if (service.rules.logout) expect(ofKind(states, 'login_wall').length).toBeGreaterThan(0);
  });

  it('has a fixture page for each language its banner rules speak, and a rule for each language page', () => {
    const languages = new Set(service.rules.banner.flatMap((m) => Object.keys(m.texts ?? {})));
    expect(languages).toContain('en');
    const pageLanguages = ofKind(statesOf(id), 'banner').map((s) => s.split('_')[1]).filter((l): l is string => !!l && /^[a-z]{2}$/.test(l));
    for (const language of pageLanguages) expect(languages).toContain(language);
    // Bengali is promised for the first wave (docs/detection.md): their rules carry it and a page proves it.
    if (languages.has('bn')) expect(pageLanguages).toContain('bn');
  });

  it('is covered by the end-to-end suite: failure pages, normal pages, and its hosts mapped to the fake sites', () => {
    expect(FAILURES.find((f) => f.service === id)?.states.length).toBeGreaterThan(0);
    expect(QUIET_SERVICES).toContain(id);
    for (const state of QUIET_STATES) expect(statesOf(id)).toContain(state);
    expect(PAGE_HOST[id]).toBe(service.webApp.host);
    expect(fakeDomains()).toEqual(expect.arrayContaining([...service.hosts, ...service.apiHosts]));
  });
});

describe('the catalog as a whole', () => {
  it('has no rules file and no fixture folder of a service it does not list', () => {
    const ids = CATALOG.map((s) => s.id).sort();
    expect(readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort()).toEqual(ids);
    expect(readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()).toEqual(ids);
  });

  it('asks for the first six services at install and for every later one when the user switches it on (docs/adding-a-service.md)', () => {
    expect(CATALOG.slice(0, 6).every((s) => !s.optionalPermission)).toBe(true);
    expect(CATALOG.slice(6).every((s) => s.optionalPermission)).toBe(true);
  });

  it('has unique ids, and no host claimed by two services', () => {
    expect(new Set(CATALOG.map((s) => s.id)).size).toBe(CATALOG.length);
    const hosts = CATALOG.flatMap((s) => [...s.hosts, ...s.apiHosts]);
    expect(new Set(hosts).size).toBe(hosts.length);
  });
});
