// The site's own files, served from memory under content-hashed names (so
// they are cached for a year and never stale): the stylesheet (the shared
// src/ui/base.css and chart.css, then the site's), the optional script, and the bundled
// Bengali font when its package is installed.
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

/** The Bengali subset of Noto Sans Bengali from @fontsource (OFL), if installed. */
function bengaliFont(): Buffer | undefined {
  try {
    const require = createRequire(import.meta.url);
    return readFileSync(require.resolve('@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff2'));
  } catch {
    return undefined;
  }
}

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
  const font = bengaliFont();
  const fontPath = font ? add('noto-sans-bengali', 'woff2', 'font/woff2', font) : undefined;
  const fontFace = fontPath
    ? `@font-face { font-family: "Noto Sans Bengali"; font-style: normal; font-weight: 100 900; font-display: swap; ` +
      `src: url(${fontPath}) format("woff2"); unicode-range: U+0951-0952, U+0964-0965, U+0980-09FE, U+1CD0, U+1CD2, U+1CD5-1CD6, U+1CD8, U+1CE1, U+1CEA, U+1CED, U+1CF2, U+1CF5-1CF7, U+200C-200D, U+20B9, U+25CC, U+A8F1; }\n`
    : '';
  const css = Buffer.concat([Buffer.from(fontFace), read('../../src/ui/base.css'), read('../../src/ui/chart.css'), read('./assets/site.css')]);
  return {
    paths: {
      css: add('site', 'css', 'text/css; charset=utf-8', css),
      js: add('site', 'js', 'text/javascript; charset=utf-8', read('./assets/site.js')),
      icon: add('icon', 'svg', 'image/svg+xml; charset=utf-8', read('./assets/icon.svg')),
      bengaliFont: fontPath,
    },
    files,
  };
}
