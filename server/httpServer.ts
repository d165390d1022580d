// The HTTP/1.1 server under the app: the API routes (api/router.ts) take
// their requests first, Fastify's handler the rest, and the same dispatch
// serves app.inject() (app.ts), so tests exercise the one path real clients
// take. Timeouts cut slow clients (docs/privacy-and-trust.md): a request must arrive whole
// within REQUEST_TIMEOUT_MS and its headers within HEADERS_TIMEOUT_MS, checked
// every CHECK_INTERVAL_MS, so a body trickled one byte at a time is answered
// 408 and closed 20–25 s after it began (TOOLCHAIN.md: Node cuts a slow body
// only once both timeouts have passed, and only when its check runs).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiRouter } from './api/router.ts';

export const REQUEST_TIMEOUT_MS = 20_000;
export const HEADERS_TIMEOUT_MS = 10_000;
export const CHECK_INTERVAL_MS = 5_000;
/** Idle keep-alive connections close after this; longer than the 60 s idle timeout of common load balancers, so they close first. */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000;

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `api()` is the router once the app is ready (undefined before: Fastify answers, e.g. 404 during start-up).
 * Returns the dispatch too, for inject().
 */
export function createHttpServer(fastify: Handler, api: () => ApiRouter | undefined): { server: Server; dispatch: Handler } {
  const dispatch: Handler = (req, res) => {
    if (api()?.take(req, res) !== true) fastify(req, res);
  };
  const server = createServer({
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: CHECK_INTERVAL_MS,
  }, dispatch);
  // Expect: 100-continue. A request the API refuses on its headers (too large, wrong media type) is answered
  // at once, so the client need not send the body; the rest get 100 Continue, then go their usual way.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (api()?.refuseBeforeContinue(req, res) === true) return;
    res.writeContinue();
    dispatch(req, res);
  });
  return { server, dispatch };
}
