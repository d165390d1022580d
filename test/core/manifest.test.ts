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
