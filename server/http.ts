// Cross-cutting HTTP behaviour: the error shape, body parsing, CORS for the
// extension's origins, security headers, and request metrics.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Metrics } from './metrics.ts';

/** Chrome and Firefox extension pages (Firefox ids are per-install UUIDs). */
export const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36}|(chrome|moz)-extension:\/\/[A-Za-z0-9._-]{1,64})$/;

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'cross-origin',
  // Responses differ by Origin (CORS), and public caches must keep them apart.
  vary: 'Origin',
};
export const CORS_HEADERS = { 'access-control-expose-headers': 'ETag, Retry-After' };

const SECURITY_LIST = Object.entries(SECURITY_HEADERS).flat();
const CORS_LIST = Object.entries(CORS_HEADERS).flat();

/**
 * What the onRequest hook below adds to every answer (security headers, and CORS for an extension origin),
 * as a flat [name, value, …] list for the hot answers written straight to the socket: a header object per
 * request cost V8 map transitions and Node's per-key header walk (measured with perf). Never mutated.
 */
export function baseHeaderList(origin: string | undefined): readonly string[] {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin)
    ? [...SECURITY_LIST, ...CORS_LIST, 'access-control-allow-origin', origin]
    : SECURITY_LIST;
}
const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Content-Type, If-None-Match',
  'access-control-max-age': '86400',
};

export const JSON_TYPE = 'application/json; charset=utf-8';
/** Fixed, so that Fastify's body parser and the report fast path (reportFastPath.ts) say the same. */
export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';

export const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(errorBody(code, message));
}

/** What a schema error says, from its first failure; `context` is the request part ("body", "querystring"). */
export function validationMessage(first: ValidationFailure | undefined, context: string, fallback: string): string {
  if (!first) return fallback;
  const where = `${context}${first.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
  if (first.keyword === 'additionalProperties') {
    return `${where} has an unknown field "${String(first.params.additionalProperty).slice(0, 64)}" (no other fields are allowed)`;
  }
  if (first.keyword === 'required') return `${where} is missing the field "${String(first.params.missingProperty)}"`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

/** The parts of an Ajv error the messages use. */
export interface ValidationFailure {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export async function registerHttpBasics(app: FastifyInstance, metrics: Metrics): Promise<void> {
  // Only JSON bodies: text/plain (a Fastify default) must get 415 like any other type.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendError(reply, 400, 'invalid_request',
        validationMessage(error.validation[0], error.validationContext ?? 'request', error.message));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 413, 'body_too_large', 'The request body is larger than 32 KiB (32768 bytes).');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, 'unsupported_media_type', 'The request body must be sent as Content-Type: application/json.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 400, 'invalid_json', 'The request body is empty; a JSON object is required.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 400, 'invalid_request', 'The Content-Length header does not match the body.');
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendError(reply, 400, 'invalid_json', INVALID_JSON_MESSAGE);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(reply, 500, 'internal', 'The server failed to handle this request; retry later.');
    }
    return sendError(reply, status, 'invalid_request', error.message);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`),
  );

  // CORS for extension origins only, and the security headers, in one hook with precomputed header sets:
  // this runs on every request, so it stays a regex test and two header merges.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    const origin = request.headers.origin;
    if (origin !== undefined && EXTENSION_ORIGIN.test(origin)) {
      reply.headers(CORS_HEADERS);
      reply.header('access-control-allow-origin', origin);
    }
    done();
  });

  // Preflight for any path: allowed extension origins get the methods and headers they may use.
  app.options('*', (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && EXTENSION_ORIGIN.test(origin)) reply.headers(PREFLIGHT_HEADERS);
    return reply.code(204).send();
  });

  app.addHook('onResponse', (request, reply, done) => {
    metrics.request(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode);
    done();
  });
}
