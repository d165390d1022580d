// The site's own files, served from memory under content-hashed names (so
// they are cached for a year and never stale): the stylesheet (the shared
// src/ui/fonts.css, base.css and chart.css, then the site's), the optional
// script, and the bundled Bengali font files fonts.css names.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SiteAssets } from '../../src/site/SitePage.tsx';

export interface AssetFile {
  bytes: Buffer;
  type: string;
  etag: string;
}

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url));
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64url').slice(0, 12);

const require = createRequire(import.meta.url);
/** `url('@fontsource/…')` in src/ui/fonts.css: a file of an installed package, as the extension's bundler resolves it. */
const PACKAGE_URL = /url\('(@fontsource\/[^']+\.woff2)'\)/g;

export interface SiteFiles {
  paths: SiteAssets;
  /** By file name under /site/. */
  files: ReadonlyMap<string, AssetFile>;
}

export const ASSET_PREFIX = '/site/';

export function loadSiteFiles(): SiteFiles {
  const files = new Map<string, AssetFile>();
  const add = (stem: string, extension: string, type: string, bytes: Buffer): string => {
    const hash = hashOf(bytes);
    const name = `${stem}.${hash}.${extension}`;
    files.set(name, { bytes, type, etag: `"${hash}"` });
    return `${ASSET_PREFIX}${name}`;
  };
  // The extension's own @font-face rules (the bundled Bengali font), each file served under its hashed name.
  const fontPaths: string[] = [];
  const fonts = read('../../src/ui/fonts.css').toString('utf8').replace(PACKAGE_URL, (_, file: string) => {
    const stem = file.slice(file.lastIndexOf('/') + 1, -'.woff2'.length);
    const path = add(stem, 'woff2', 'font/woff2', readFileSync(require.resolve(file)));
    fontPaths.push(path);
    return `url('${path}')`;
  });
  const css = Buffer.concat([Buffer.from(fonts), read('../../src/ui/base.css'), read('../../src/ui/chart.css'), read('./assets/site.css')]);
  return {
    paths: {
      css: add('site', 'css', 'text/css; charset=utf-8', css),
      js: add('site', 'js', 'text/javascript; charset=utf-8', read('./assets/site.js')),
      icon: add('icon', 'svg', 'image/svg+xml; charset=utf-8', read('./assets/icon.svg')),
      bengaliFont: fontPaths[0],
    },
    files,
  };
}
