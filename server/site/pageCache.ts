// Rendered pages held in memory (docs/site.md): each page is rendered at
// most once per cache period per language and variant, then served as
// prepared bytes and header lists with an ETag; `304` for a matching
// If-None-Match. The header lists are built once per rendering, not per
// request, as api/reads.ts does for the API's bodies.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Metrics } from '../metrics.ts';

/** The pages' Content-Security-Policy: the site's own script, styles, images and font, nothing else. */
export const SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers every site answer carries; pages differ by Accept-Language when no `lang` is given. */
export const SITE_HEADERS: readonly string[] = [
  'x-content-type-options', 'nosniff',
  'x-frame-options', 'DENY',
  'referrer-policy', 'same-origin',
  'content-security-policy', SITE_CSP,
  'vary', 'Accept-Language',
];

export interface CachedPage {
  bytes: Buffer;
  etag: string;
  ok: readonly string[];
  notModified: readonly string[];
  renderedAt: number;
}

export function cacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds * 4}`;
}

/** Prepares an answer's bytes and header lists (200 and 304). */
export function preparePage(body: string | Buffer, type: string, cache: string, now: number, extra: readonly string[] = SITE_HEADERS): CachedPage {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  const validators = ['cache-control', cache, 'etag', etag];
  return {
    bytes, etag, renderedAt: now,
    ok: [...extra, ...validators, 'content-type', type, 'content-length', String(bytes.length)],
    notModified: [...extra, ...validators],
  };
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(
    private readonly clock: Clock,
    private readonly periodMs: number,
    private readonly metrics: Metrics,
    private readonly maxEntries = 2000,
  ) {}

  /** The page under `key` if rendered within the period, else `render()`'s, kept for the period. `route` labels the metrics. */
  get(route: string, key: string, render: (now: number) => CachedPage): CachedPage {
    const now = this.clock.now();
    const cached = this.pages.get(key);
    if (cached && now - cached.renderedAt < this.periodMs && now >= cached.renderedAt) {
      this.metrics.sitePage(route, true);
      return cached;
    }
    if (!cached && this.pages.size >= this.maxEntries) this.pages.clear();
    const page = render(now);
    this.pages.set(key, page);
    this.metrics.sitePage(route, false);
    return page;
  }
}
