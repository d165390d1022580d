// The manifest is a hand-written source file; this test holds its match
// patterns and host permissions to the catalog (DESIGN §2), so a service added
// to the catalog without its permissions (or a stray wide pattern) fails here.
import { readFileSync } from 'node:fs';
import { CATALOG } from '../../src/core/catalog.ts';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  manifest_version: number;
  permissions: string[];
  host_permissions: string[];
  content_scripts: { matches: string[]; js: string[] }[];
  web_accessible_resources?: unknown;
  default_locale?: string;
  name: string;
};

const LOCAL_BACKEND = ['http://127.0.0.1/*', 'http://localhost/*'];
const pattern = (host: string) => `*://*.${host}/*`;

describe('manifest.json against the catalog', () => {
  test('content scripts match exactly the catalog services’ page hosts', () => {
    const expected = CATALOG.flatMap((s) => (s.pageHosts ? s.pageHosts.map((h) => `*://${h}/*`) : s.hosts.map(pattern)));
    const actual = manifest.content_scripts.flatMap((c) => c.matches);
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(actual).toHaveLength(expected.length);
  });

  test('host permissions are the catalog hosts and API hosts plus the local backend, nothing wider', () => {
    const expected = [...CATALOG.flatMap((s) => [...s.hosts, ...s.apiHosts].map(pattern)), ...LOCAL_BACKEND];
    expect(new Set(manifest.host_permissions)).toEqual(new Set(expected));
    expect(manifest.host_permissions).toHaveLength(expected.length);
  });

  test('no permission reaches every site', () => {
    const all = [...manifest.permissions, ...manifest.host_permissions, ...manifest.content_scripts.flatMap((c) => c.matches)];
    for (const entry of all) {
      expect(entry).not.toMatch(/<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\/|^\*:\/\/\*\.\*|\/\/\*\/\*$/);
    }
  });

  test('permissions are the narrow set the background needs', () => {
    expect([...manifest.permissions].sort()).toEqual(['activeTab', 'alarms', 'notifications', 'storage', 'webRequest']);
  });

  test('is a localised Manifest V3 extension without web-accessible resources', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.default_locale).toBe('en');
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});

describe('the built manifests (vite.config.ts)', () => {
  test('Firefox: background scripts, gecko id, strict_min_version ≥ 142 and the data collection declaration', async () => {
    const { manifestFor } = await import('../../vite.config.ts');
    const firefox = manifestFor('firefox', 'http://127.0.0.1:8787') as Record<string, any>;
    expect(firefox.background).toEqual({ scripts: ['src/background/main.ts'], type: 'module' });
    const gecko = firefox.browser_specific_settings.gecko;
    expect(gecko.id).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+$/);
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(142);
    expect(gecko.data_collection_permissions).toEqual({ required: ['browsingActivity'], optional: ['locationInfo'] });
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });

  test('Chrome: a module service worker and no Firefox-only keys', async () => {
    const { manifestFor } = await import('../../vite.config.ts');
    const chrome = manifestFor('chrome', 'http://127.0.0.1:8787') as Record<string, any>;
    expect(chrome.background).toEqual({ service_worker: 'src/background/main.ts', type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.host_permissions).toEqual(manifest.host_permissions);
  });

  test('a build-time backend adds its host, without a port (Firefox ignores patterns with one)', async () => {
    const { backendUrlFromEnv, manifestFor } = await import('../../vite.config.ts');
    const url = backendUrlFromEnv({ DOWNWATCH_BACKEND_URL: 'https://api.downwatch.example:8443/base/' });
    expect(url).toBe('https://api.downwatch.example:8443/base');
    const built = manifestFor('firefox', url) as Record<string, any>;
    expect(built.host_permissions).toContain('https://api.downwatch.example/*');
    expect(backendUrlFromEnv({})).toBe('http://127.0.0.1:8787');
    expect(() => backendUrlFromEnv({ DOWNWATCH_BACKEND_URL: 'ftp://x' })).toThrow(/http/);
  });
});
