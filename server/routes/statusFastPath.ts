// GET /v1/status answered before Fastify sees the request. It is the one
// request a surge of popups repeats, its body is already serialised in
// memory, and Fastify's per-request work (routing, request and reply objects,
// hooks) cost as much again as the bare write (measured: ~30 µs against
// ~15 µs for a bare node:http GET of the same bytes). The answer is the same
// bytes and headers the Fastify route sends (security headers, CORS for
// extension origins, Cache-Control, ETag and 304), counted in the same
// metric. Anything else — another method or path, a query string, request
// logs at info level (which must show every request), a server that is
// closing — goes to Fastify as usual.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { baseHeaderList } from '../http.ts';
import type { Metrics } from '../metrics.ts';
import type { CachedBody, StatsService } from '../stats/statsService.ts';
import { CACHE_CONTROL, bytesOf, etagMatches } from './reads.ts';

export const STATUS_PATH = '/v1/status';

export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The answer's own headers as flat [name, value, …] lists, built once per cached body. */
interface Prepared {
  bytes: Buffer;
  ok: string[];
  notModified: string[];
}

function prepare(cached: CachedBody): Prepared {
  const bytes = bytesOf(cached);
  const validators = ['cache-control', CACHE_CONTROL, 'etag', cached.etag];
  return {
    bytes,
    ok: [...validators, 'content-type', 'application/json; charset=utf-8', 'content-length', String(bytes.length)],
    notModified: validators,
  };
}

/** Answers GET /v1/status and returns true, or returns false and leaves the request alone. */
export function statusFastPath(stats: StatsService, metrics: Metrics): FastPath & { stop(): void } {
  let enabled = true;
  let last: CachedBody | undefined;
  let prepared: Prepared | undefined;
  const answer = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!enabled || req.method !== 'GET' || req.url !== STATUS_PATH) return false;
    const cached = stats.status();
    if (cached !== last || !prepared) {
      prepared = prepare(cached);
      last = cached;
    }
    const notModified = etagMatches(req.headers['if-none-match'], cached.etag);
    const headers = baseHeaderList(req.headers.origin).concat(notModified ? prepared.notModified : prepared.ok);
    if (notModified) {
      res.writeHead(304, headers).end();
      metrics.request(STATUS_PATH, 'GET', 304);
    } else {
      res.writeHead(200, headers).end(prepared.bytes);
      metrics.request(STATUS_PATH, 'GET', 200);
    }
    return true;
  };
  return Object.assign(answer, { stop: () => { enabled = false; } });
}
