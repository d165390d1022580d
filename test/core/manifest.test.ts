// The manifests the build writes (a real `vite build` of each flavour into a
// temporary folder) hold exactly the catalog's hosts (docs/adding-a-service.md): the source
// manifest names none, vite.config.ts generates them, and this test reads
// what came out.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_SCRIPT_FILE } from '../../src/background/contentScriptFile.ts';
import { CATALOG } from '../../src/core/catalog.ts';
import { pemBody } from '../../src/core/rules/packSignature.ts';

interface BuiltManifest {
  manifest_version: number;
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions?: string[];
  content_scripts: { matches: string[]; js: string[]; run_at: string }[];
  web_accessible_resources?: unknown;
  default_locale?: string;
  name: string;
  background: Record<string, unknown>;
  browser_specific_settings?: { gecko: Record<string, any> };
  minimum_chrome_version?: string;
}

const ROOT = process.cwd();
const LOCAL_BACKEND = ['http://127.0.0.1/*', 'http://localhost/*'];
const sub = (host: string) => `*://*.${host}/*`;
const atInstall = CATALOG.filter((s) => !s.optionalPermission);
const later = CATALOG.filter((s) => s.optionalPermission);

/** The backend of the store build: a real host, as `DOWNWATCH_BACKEND_URL=https://… npm run build` names it. */
const PRODUCTION_BACKEND = 'https://api.downwatch.example:8443/base';

let work: string;
const built: Record<'chrome' | 'firefox' | 'production', { dir: string; manifest: BuiltManifest }> = {} as never;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'downwatch-manifest-'));
  const builds = [['chrome', 'production', ''], ['firefox', 'firefox', ''], ['production', 'production', PRODUCTION_BACKEND]] as const;
  for (const [flavour, mode, backend] of builds) {
    const dir = join(work, flavour);
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT, env: { ...process.env, DOWNWATCH_BACKEND_URL: backend }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    built[flavour] = { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest };
  }
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the source manifest.json', () => {
  test('names no host: the build generates them from the catalog', () => {
    const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(source.content_scripts).toBeUndefined();
    expect(source.host_permissions).toBeUndefined();
    expect(source.optional_host_permissions).toBeUndefined();
  });
});

describe.each(['chrome', 'firefox'] as const)('the built %s manifest against the catalog', (flavour) => {
  const manifest = () => built[flavour].manifest;

  test('runs the content script on exactly the page hosts of the services granted at install', () => {
    const expected = atInstall.flatMap((s) => (s.pageHosts ? s.pageHosts.map((h) => `*://${h}/*`) : s.hosts.map(sub)));
    expect(manifest().content_scripts).toHaveLength(1);
    expect(manifest().content_scripts[0]!.matches).toEqual(expected);
    expect(manifest().content_scripts[0]!.run_at).toBe('document_idle');
  });

  test('builds the content script to the file the background registers for later services', () => {
    expect(manifest().content_scripts[0]!.js).toEqual([CONTENT_SCRIPT_FILE]);
    expect(existsSync(join(built[flavour].dir, CONTENT_SCRIPT_FILE))).toBe(true);
  });

  test('asks at install for the first services’ hosts and API hosts plus the local backend, nothing wider', () => {
    const expected = [...atInstall.flatMap((s) => [...s.hosts, ...s.apiHosts].map(sub)), ...LOCAL_BACKEND];
    expect(manifest().host_permissions).toEqual(expected);
  });

  test('keeps later services’ hosts optional, asked for in the options', () => {
    const expected = later.flatMap((s) => [...s.hosts, ...s.apiHosts].map(sub));
    expect(manifest().optional_host_permissions ?? []).toEqual(expected);
    for (const pattern of expected) expect(manifest().host_permissions).not.toContain(pattern);
    for (const pattern of expected) expect(manifest().content_scripts[0]!.matches).not.toContain(pattern);
  });

  test('reaches no site outside the catalog', () => {
    const all = [...manifest().permissions, ...manifest().host_permissions, ...(manifest().optional_host_permissions ?? []), ...manifest().content_scripts.flatMap((c) => c.matches)];
    for (const entry of all) expect(entry).not.toMatch(/<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\/|^\*:\/\/\*\.\*|\/\/\*\/\*$/);
  });

  test('asks for the narrow set of permissions the background needs', () => {
    expect([...manifest().permissions].sort()).toEqual(['activeTab', 'alarms', 'notifications', 'scripting', 'storage', 'webRequest']);
  });

  test('is a localised Manifest V3 extension without web-accessible resources', () => {
    expect(manifest().manifest_version).toBe(3);
    expect(manifest().name).toBe('__MSG_extName__');
    expect(manifest().default_locale).toBe('en');
    expect(manifest().web_accessible_resources).toBeUndefined();
  });
});

describe('browser specifics (vite.config.ts)', () => {
  test('Firefox: background scripts, gecko id, strict_min_version ≥ 142 and the data collection declaration', () => {
    const firefox = built.firefox.manifest;
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.background.service_worker).toBeUndefined();
    const gecko = firefox.browser_specific_settings!.gecko;
    expect(gecko.id).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+$/);
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(142);
    expect(gecko.data_collection_permissions).toEqual({ required: ['browsingActivity'], optional: ['locationInfo'] });
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });

  test('Chrome: a module service worker and no Firefox-only keys', () => {
    const chrome = built.chrome.manifest;
    expect(chrome.background).toMatchObject({ type: 'module' });
    expect(typeof chrome.background.service_worker).toBe('string');
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  test('a build-time backend adds its host, without a port (Firefox ignores patterns with one)', async () => {
    const { backendUrlFromEnv, manifestFor } = await import('../../vite.config.ts');
    const url = backendUrlFromEnv({ DOWNWATCH_BACKEND_URL: 'https://api.downwatch.example:8443/base/' });
    expect(url).toBe('https://api.downwatch.example:8443/base');
    const withBackend = manifestFor('firefox', url) as Record<string, any>;
    expect(withBackend.host_permissions).toContain('https://api.downwatch.example/*');
    expect(backendUrlFromEnv({})).toBe('http://127.0.0.1:8787');
    expect(() => backendUrlFromEnv({ DOWNWATCH_BACKEND_URL: 'ftp://x' })).toThrow(/http/);
  }, 30_000);
});

describe('a production build (DOWNWATCH_BACKEND_URL=https://…)', () => {
  const manifest = () => built.production.manifest;

  test('asks for its own backend host and the catalog’s, not for any local backend', () => {
    const expected = [...atInstall.flatMap((s) => [...s.hosts, ...s.apiHosts].map(sub)), 'https://api.downwatch.example/*'];
    expect(manifest().host_permissions).toEqual(expected);
    for (const local of LOCAL_BACKEND) expect(manifest().host_permissions).not.toContain(local);
    expect(manifest().optional_host_permissions ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/127\.0\.0\.1|localhost/)]));
  });

  test('does not trust the published test rule-pack key (a local build does)', () => {
    const testKey = pemBody(readFileSync(join(ROOT, 'test/fixtures/rule-signing/test-public.pem'), 'utf8'));
    const codeOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(codeOf(built.chrome.dir)).toContain(testKey);
    expect(codeOf(built.production.dir)).not.toContain(testKey);
  });

  test('takes its own rule-pack key from DOWNWATCH_RULES_PUBLIC_KEY, and refuses the test key', async () => {
    const { rulesPublicKeyFromEnv, TEST_RULES_PUBLIC_KEY_FILE } = await import('../../vite.config.ts');
    const own = join(work, 'own-public.pem');
    writeFileSync(own, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(rulesPublicKeyFromEnv({ DOWNWATCH_RULES_PUBLIC_KEY: own }, PRODUCTION_BACKEND)).toBe(pemBody(readFileSync(own, 'utf8')));
    expect(rulesPublicKeyFromEnv({}, PRODUCTION_BACKEND)).toBe('');
    expect(() => rulesPublicKeyFromEnv({ DOWNWATCH_RULES_PUBLIC_KEY: TEST_RULES_PUBLIC_KEY_FILE }, PRODUCTION_BACKEND)).toThrow(/must not trust the published test key/);
    expect(() => rulesPublicKeyFromEnv({ DOWNWATCH_RULES_PUBLIC_KEY: join(work, 'missing.pem') }, PRODUCTION_BACKEND)).toThrow(/cannot read/);
  }, 30_000);

  test('talks to that backend by default', () => {
    const scripts = readdirSync(built.production.dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const code = scripts.map((file) => readFileSync(join(built.production.dir, file), 'utf8')).join('\n');
    expect(code).toContain(PRODUCTION_BACKEND);
  });
});
