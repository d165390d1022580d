// One request on an API route and its answer, written straight to Node's
// response with flat header lists (a header object per request cost V8 map
// transitions and Node's per-key header walk, measured with perf). Every
// answer carries the security headers (and CORS for an extension origin,
// http.ts), is counted in the request metric and logged in one line, under
// the route's pattern, never its URL (logs name /v1/services/:id, not the
// domain a popup asked about).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { baseHeaderList, errorBody, JSON_TYPE } from '../http.ts';
import type { RequestLog } from '../logging.ts';
import type { Metrics } from '../metrics.ts';

/** What every API answer needs from the app. */
export interface ApiContext {
  metrics: Metrics;
  requestLog: RequestLog;
  logger: FastifyBaseLogger;
}

export class Exchange {
  readonly started = performance.now();
  /** Ends the connection after this answer (a refusal before 100 Continue, a closing server). */
  closeAfter = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** The route pattern (for metrics and logs). */
    readonly route: string,
    private readonly context: ApiContext,
  ) {}

  /** Writes the answer: the base headers, then `headers` ([name, value, …]), then the body, if any. */
  send(status: number, headers: readonly string[], body?: Buffer | string): void {
    const all = baseHeaderList(this.req.headers.origin).concat(headers);
    this.sendAll(status, this.closeAfter ? all.concat('connection', 'close') : all, body);
  }

  /**
   * Like send(), with `complete` already holding the base headers: the common answer (no extension origin,
   * the connection kept) is written from a list built once, not per request.
   */
  sendPrepared(status: number, complete: readonly string[], own: readonly string[], body?: Buffer | string): void {
    if (this.req.headers.origin === undefined && !this.closeAfter) this.sendAll(status, complete, body);
    else this.send(status, own, body);
  }

  /** Writes exactly `headers`, without the API's base headers: the public site's answers carry their own (site/pageCache.ts). */
  sendExact(status: number, headers: readonly string[], body?: Buffer | string): void {
    this.sendAll(status, this.closeAfter ? headers.concat('connection', 'close') : headers, body);
  }

  sendJson(status: number, body: string, extra: readonly string[] = []): void {
    const length = String(Buffer.byteLength(body));
    if (extra.length === 0 && this.req.headers.origin === undefined && !this.closeAfter) {
      // Node reads the list while writing the head and keeps nothing of it, so one list serves every answer.
      JSON_ANSWER[JSON_ANSWER.length - 1] = length;
      this.sendAll(status, JSON_ANSWER, body);
      return;
    }
    this.send(status, extra.concat('content-type', JSON_TYPE, 'content-length', length), body);
  }

  /** `{"error": {code, message}}` (docs/protocol.md); `extra` adds headers such as Retry-After or Allow. */
  sendError(status: number, code: string, message: string, extra: readonly string[] = []): void {
    this.sendJson(status, errorBody(code, message), extra);
  }

  /** A failure of the server's own: logged with its stack, answered 500 without details. */
  fail(error: unknown): void {
    this.context.logger.error({ err: error, route: this.route }, 'request failed');
    if (!this.res.headersSent) this.sendError(500, 'internal', 'The server failed to handle this request; retry later.');
  }

  logError(error: unknown, message: string): void {
    this.context.logger.error({ err: error, route: this.route }, message);
  }

  private sendAll(status: number, headers: readonly string[], body: Buffer | string | undefined): void {
    this.res.writeHead(status, headers as string[]).end(body);
    this.context.metrics.request(this.route, this.req.method!, status);
    this.context.requestLog(this.req.method!, this.route, status, this.started);
  }
}

/** The base headers of an answer without an extension origin, a JSON type, and a length filled in per answer. */
const JSON_ANSWER = baseHeaderList(undefined).concat('content-type', JSON_TYPE, 'content-length', '');
