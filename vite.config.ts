// Builds the extension twice from one source manifest: `vite build` → `dist/`
// (Chrome/Chromium, module service worker) and `vite build --mode firefox` →
// `dist-firefox/` (background scripts, gecko id, data-collection declaration).
// The source manifest names no host: the content-script matches and the host
// permissions are generated here from the catalog (src/core/catalog.ts).
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import sourceManifest from './manifest.json' with { type: 'json' };
import { CONTENT_SCRIPT_SOURCE } from './src/background/contentScriptFile.ts';
import { backendHostPatterns, manifestHostLists } from './src/core/hostPatterns.ts';
import { pemBody } from './src/core/rules/packSignature.ts';

const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** The build-time default backend; a clear error at build time beats a broken extension. */
export function backendUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.DOWNWATCH_BACKEND_URL?.trim() || DEFAULT_BACKEND_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`DOWNWATCH_BACKEND_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`DOWNWATCH_BACKEND_URL must be http(s), got ${JSON.stringify(raw)}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** The published test key pair (docs/privacy-and-trust.md): anyone can sign with it, so only local builds trust it. */
export const TEST_RULES_PUBLIC_KEY_FILE = resolve(import.meta.dirname, 'test/fixtures/rule-signing/test-public.pem');

/**
 * The rule-pack verifying key built in (base64 SubjectPublicKeyInfo), from
 * `DOWNWATCH_RULES_PUBLIC_KEY` (a PEM file); '' for none. A build for a local
 * backend defaults to the test key; a build for any other backend never
 * trusts the test key, and without a key of its own uses its bundled pack only.
 */
export function rulesPublicKeyFromEnv(env: NodeJS.ProcessEnv, backendUrl: string): string {
  const local = backendHostPatterns(backendUrl).includes('http://127.0.0.1/*');
  const file = env.DOWNWATCH_RULES_PUBLIC_KEY?.trim() || (local ? TEST_RULES_PUBLIC_KEY_FILE : '');
  if (!file) return '';
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`DOWNWATCH_RULES_PUBLIC_KEY: cannot read the public key file ${file}`);
  }
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem)) throw new Error(`DOWNWATCH_RULES_PUBLIC_KEY: ${file} is not a PEM public key`);
  const key = pemBody(pem);
  if (!local && key === pemBody(readFileSync(TEST_RULES_PUBLIC_KEY_FILE, 'utf8'))) {
    throw new Error(`DOWNWATCH_RULES_PUBLIC_KEY: a build for ${backendUrl} must not trust the published test key`);
  }
  return key;
}

export function manifestFor(browser: 'chrome' | 'firefox', backendUrl: string): ManifestV3Export {
  const hosts = manifestHostLists();
  const hostPermissions = [...hosts.hostPermissions, ...backendHostPatterns(backendUrl)];
  const base = {
    ...structuredClone(sourceManifest),
    content_scripts: [{ matches: hosts.contentScriptMatches, js: [CONTENT_SCRIPT_SOURCE], run_at: 'document_idle' }],
    host_permissions: hostPermissions,
    ...(hosts.optionalHostPermissions.length ? { optional_host_permissions: hosts.optionalHostPermissions } : {}),
  };
  if (browser === 'chrome') return base as ManifestV3Export;

  const { minimum_chrome_version: _chromeOnly, background, ...rest } = base;
  return {
    ...rest,
    // crxjs writes its loader into `background.scripts` for Firefox.
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'downwatch@downwatch.example',
        strict_min_version: '142.0',
        // docs/privacy-and-trust.md: a report names the service (domain) the user had trouble
        // with — browsing activity; the country from the time zone is optional
        // and can be withheld.
        data_collection_permissions: { required: ['browsingActivity'], optional: ['locationInfo'] },
      },
    },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const backendUrl = backendUrlFromEnv(process.env);
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(browser, backendUrl),
        browser,
        // A standalone bundle needs no loader exposed through web_accessible_resources.
        contentScripts: { standaloneFiles: [CONTENT_SCRIPT_SOURCE] },
      }),
    ],
    define: {
      __DOWNWATCH_BACKEND_URL__: JSON.stringify(backendUrl),
      __DOWNWATCH_RULES_PUBLIC_KEY__: JSON.stringify(rulesPublicKeyFromEnv(process.env, backendUrl)),
    },
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // No source maps in store builds; the code is not minified beyond esbuild's defaults.
      sourcemap: false,
      rollupOptions: {
        // The first-run page is opened by the background, so no manifest field names it.
        input: { welcome: resolve(import.meta.dirname, 'src/options/welcome.html') },
      },
    },
  };
});
