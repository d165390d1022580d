// What Fastify answers besides the operations routes: CORS preflight, 404
// and 405, and every error it raises, all in the documented envelope
// {"error": {"code", "message"}}, with the security headers; each request is
// counted and logged under its route pattern, as the API routes are.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  CORS_HEADERS, errorBody, EXTENSION_ORIGIN, INVALID_JSON_MESSAGE, JSON_TYPE, PREFLIGHT_HEADERS, SECURITY_HEADERS,
  TOO_LARGE_MESSAGE, UNSUPPORTED_TYPE_MESSAGE, validationMessage,
} from '../http.ts';
import type { RequestLog } from '../logging.ts';
import type { Metrics } from '../metrics.ts';

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(errorBody(code, message));
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * `otherRoutes(path)`: the methods the API routes (api/router.ts) answer on `path`, so a wrong method there
 * is a 405 too (those routes are not Fastify's).
 */
export async function registerHttpBasics(
  app: FastifyInstance, metrics: Metrics, requestLog: RequestLog, otherRoutes: (path: string) => readonly string[],
): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendError(reply, 400, 'invalid_request',
        validationMessage(error.validation[0], error.validationContext ?? 'request', error.message));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 413, 'body_too_large', TOO_LARGE_MESSAGE);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, 'unsupported_media_type', UNSUPPORTED_TYPE_MESSAGE);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 400, 'invalid_json', INVALID_JSON_MESSAGE);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(reply, 500, 'internal', 'The server failed to handle this request; retry later.');
    }
    return sendError(reply, status, 'invalid_request', error.message);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...otherRoutes(path), ...METHODS.filter((method) => app.hasRoute({ method, url: path }))];
    if (allowed.length > 0) {
      reply.header('allow', [...allowed, 'OPTIONS'].join(', '));
      return sendError(reply, 405, 'method_not_allowed', `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`);
    }
    return sendError(reply, 404, 'not_found', `No route for ${request.method} ${path}.`);
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    const origin = request.headers.origin;
    if (origin !== undefined && EXTENSION_ORIGIN.test(origin)) {
      reply.headers(CORS_HEADERS);
      reply.header('access-control-allow-origin', origin);
    }
    (request as { started?: number }).started = performance.now();
    done();
  });

  // Preflight for any path: allowed extension origins get the methods and headers they may use.
  app.options('*', (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && EXTENSION_ORIGIN.test(origin)) reply.headers(PREFLIGHT_HEADERS);
    return reply.code(204).send();
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The pattern, never the URL: an unmatched URL may name anything.
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    metrics.request(route, request.method, reply.statusCode);
    requestLog(request.method, route, reply.statusCode, (request as { started?: number }).started ?? performance.now());
    done();
  });
}

/** Fastify's errors raised before routing (a URL it cannot decode), in the envelope. */
export function answerFrameworkError(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  void reply.code(400).type(JSON_TYPE).headers(SECURITY_HEADERS)
    .send(errorBody('invalid_request', error.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid (bad percent-encoding).' : error.message));
}
