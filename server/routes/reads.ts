// GET /v1/status, /v1/services/{id}, /v1/rules: bodies come pre-serialised
// from memory (StatsService), with ETag, 304 and a 15-second public cache.
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ErrorResponseSchema, LIMITS, ServiceDetailParamsSchema, ServiceDetailQuerySchema, ServiceDetailSchema,
  StatusResponseSchema,
} from '../../src/core/protocol.ts';
import { RulePackSchema } from '../../src/core/rules/schema.ts';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { canonicalServiceId } from '../../src/core/serviceId.ts';
import { sendError } from '../http.ts';
import type { CachedBody, StatsService } from '../stats/statsService.ts';

export const CACHE_CONTROL = 'public, max-age=15';
const NotModified = Type.Null({ description: 'Empty body' });

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Each cached body as bytes, encoded once (a WeakMap: a body replaced by the next refresh is let go). */
const encoded = new WeakMap<CachedBody, Buffer>();

export function bytesOf(cached: CachedBody): Buffer {
  let bytes = encoded.get(cached);
  if (!bytes) {
    bytes = Buffer.from(cached.body, 'utf8');
    encoded.set(cached, bytes);
  }
  return bytes;
}

/**
 * Sends a cached body, or 304, straight to the socket: the body is already serialised and its headers are
 * known, so Fastify's send pipeline (serialiser lookup, content-length of a 6 KB string, header merge) is
 * skipped. The headers the onRequest hook put on the reply (security headers, CORS) are written with it;
 * onResponse hooks (metrics, request logs) still run. Handlers call it without returning the reply: a
 * returned reply is a thenable, which Fastify would await on every request.
 */
function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedBody, cacheControl = CACHE_CONTROL): void {
  const notModified = etagMatches(request.headers['if-none-match'], cached.etag);
  reply.hijack();
  const headers: Record<string, string | number | string[] | undefined> = reply.getHeaders();
  headers['cache-control'] = cacheControl;
  headers.etag = cached.etag;
  if (notModified) {
    reply.raw.writeHead(304, headers).end();
    return;
  }
  const bytes = bytesOf(cached);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = bytes.length;
  reply.raw.writeHead(200, headers).end(bytes);
}

function rulesBody(): CachedBody {
  const body = JSON.stringify(BUNDLED_RULE_PACK);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, etag: `"${BUNDLED_RULE_PACK.version}-${hash}"` };
}

export async function readRoutes(app: FastifyInstance, stats: StatsService): Promise<void> {
  app.get('/v1/status', {
    schema: {
      summary: 'Levels of the catalog services and of every service that left ok in the last hour, most severe first.',
      response: { 200: StatusResponseSchema, 304: NotModified },
    },
  }, (request, reply) => {
    sendCached(request, reply, stats.status());
  });

  app.get<{ Params: { id: string }; Querystring: { hours: number } }>('/v1/services/:id', {
    schema: {
      summary: 'One service: level, a series of 15-minute buckets with baselines, and the last hour\'s breakdowns.',
      params: ServiceDetailParamsSchema,
      querystring: ServiceDetailQuerySchema,
      response: { 200: ServiceDetailSchema, 304: NotModified, 400: ErrorResponseSchema },
    },
  }, (request, reply) => {
    const raw = request.params.id;
    const service = raw.length <= LIMITS.maxServiceIdLength ? canonicalServiceId(raw) : undefined;
    if (!service) {
      sendError(reply, 400, 'invalid_service', `"${raw.slice(0, 64)}" is not a service id (a catalog id or a domain name such as example.com).`);
      return;
    }
    sendCached(request, reply, stats.detail(service, request.query.hours ?? 24));
  });

  const rules = rulesBody();
  app.get('/v1/rules', {
    schema: {
      summary: 'The detection rule pack (data only, validated by the extension before use).',
      response: { 200: RulePackSchema, 304: NotModified },
    },
  }, (request, reply) => {
    sendCached(request, reply, rules, 'public, max-age=3600');
  });
}
