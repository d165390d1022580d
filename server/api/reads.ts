// GET (and HEAD) /v1/status, /v1/services/{id}, /v1/rules: bodies come
// pre-serialised from memory (StatsService), with an ETag, 304 for a matching
// If-None-Match, and a public cache lifetime (docs/protocol.md). Each body's bytes
// and its own headers are prepared once, when the body changes, not per
// request.
import { parse as parseQuery } from 'node:querystring';
import { Ajv } from 'ajv';
import { LIMITS, ServiceDetailQuerySchema } from '../../src/core/protocol.ts';
import { baseHeaderList, JSON_TYPE, validationMessage } from '../http.ts';
import { memoServiceId } from '../ingest/validateReport.ts';
import type { CachedBody, StatsService } from '../stats/statsService.ts';
import type { Exchange } from './exchange.ts';

export const STATUS_ROUTE = '/v1/status';
export const SERVICE_ROUTE = '/v1/services/:id';
export const SERVICE_PREFIX = '/v1/services/';
export const RULES_ROUTE = '/v1/rules';

export const CACHE_CONTROL = 'public, max-age=15';
const RULES_CACHE_CONTROL = 'public, max-age=3600';

/** Query strings arrive as text: coerced to the schema's types, with its defaults (strict otherwise). */
const isDetailQuery = new Ajv({ coerceTypes: true, useDefaults: true, removeAdditional: false, allErrors: false, strict: false })
  .compile<{ hours: number }>(ServiceDetailQuerySchema);

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** A body's bytes and its own headers ([name, value, …]) for 200 and 304, alone and after the base headers. */
interface Prepared {
  bytes: Buffer;
  ok: string[];
  notModified: string[];
  okComplete: readonly string[];
  notModifiedComplete: readonly string[];
}

/** Prepared once per body (a WeakMap: a body replaced by the next refresh is let go). */
const prepared = new WeakMap<CachedBody, Prepared>();

function prepare(cached: CachedBody, cacheControl: string): Prepared {
  let entry = prepared.get(cached);
  if (!entry) {
    const bytes = Buffer.from(cached.body, 'utf8');
    const validators = ['cache-control', cacheControl, 'etag', cached.etag];
    const ok = [...validators, 'content-type', JSON_TYPE, 'content-length', String(bytes.length)];
    const base = baseHeaderList(undefined);
    entry = { bytes, ok, notModified: validators, okComplete: base.concat(ok), notModifiedComplete: base.concat(validators) };
    prepared.set(cached, entry);
  }
  return entry;
}

/** 304 when If-None-Match names the body's ETag, else 200 with the body (HEAD: Node sends no body). */
export function sendCached(exchange: Exchange, cached: CachedBody, cacheControl = CACHE_CONTROL): void {
  const entry = prepare(cached, cacheControl);
  if (etagMatches(exchange.req.headers['if-none-match'], cached.etag)) exchange.sendPrepared(304, entry.notModifiedComplete, entry.notModified);
  else exchange.sendPrepared(200, entry.okComplete, entry.ok, entry.bytes);
}

export function answerStatus(exchange: Exchange, stats: StatsService): void {
  sendCached(exchange, stats.status());
}

/** The id part of the path (`rawId`, still percent-encoded) and the query string, if any. */
export function answerServiceDetail(exchange: Exchange, stats: StatsService, rawId: string, query: string | undefined): void {
  let hours = 24;
  if (query !== undefined) {
    const parsed: Record<string, unknown> = { ...parseQuery(query) };
    if (!isDetailQuery(parsed)) {
      exchange.sendError(400, 'invalid_request', validationMessage(isDetailQuery.errors?.[0], 'querystring', 'querystring is invalid'));
      return;
    }
    hours = parsed.hours;
  }
  let id: string | undefined;
  try {
    id = rawId.includes('%') ? decodeURIComponent(rawId) : rawId;
  } catch {
    id = undefined;
  }
  const service = id !== undefined && id.length <= LIMITS.maxServiceIdLength ? memoServiceId(id) : undefined;
  if (!service) {
    const shown = id === undefined ? 'The service id is not valid percent-encoding' : `"${id.slice(0, 64)}" is not a service id`;
    exchange.sendError(400, 'invalid_service', `${shown} (a catalog id or a domain name such as example.com).`);
    return;
  }
  sendCached(exchange, stats.detail(service, hours));
}

export function answerRules(exchange: Exchange, rules: CachedBody): void {
  sendCached(exchange, rules, RULES_CACHE_CONTROL);
}
