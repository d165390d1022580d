// POST /v1/reports (docs/protocol.md), read straight from Node's
// request. Checked in this order, each answered in the documented envelope:
// 413 for a Content-Length over the limit (the body is never read), 415 for
// any media type but application/json, then the body is read (chunked too)
// and 413 once it passes the limit, 400 for an empty body, malformed JSON or
// an envelope the schema refuses; ReportIntake does the rest (rate limits,
// each report alone, one group commit). The envelope schema is compiled like
// the report schema (compileStrict: no coercion, no removal).
import type { IncomingMessage } from 'node:http';
import { LIMITS, ReportBatchEnvelopeSchema } from '../../src/core/protocol.ts';
import { INVALID_JSON_MESSAGE, TOO_LARGE_MESSAGE, UNSUPPORTED_TYPE_MESSAGE, validationMessage } from '../http.ts';
import { ReportAnswer, type ReportIntake } from '../ingest/reportIntake.ts';
import { compileStrict } from '../ingest/validateReport.ts';
import type { Metrics } from '../metrics.ts';
import type { ClientAddress } from '../net/clientAddress.ts';
import type { Exchange } from './exchange.ts';

export const REPORTS_ROUTE = '/v1/reports';

const isEnvelope = compileStrict<{ reports: unknown[] }>(ReportBatchEnvelopeSchema);

/** `application/json`, with any parameters (the body is read as UTF-8, as JSON requires: RFC 8259). */
export function isJsonType(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header === 'application/json') return true;
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

/** A refusal decided from the headers alone (before any body is read or 100 Continue is sent), or undefined. */
export function refuseByHeaders(exchange: Exchange): boolean {
  const { headers } = exchange.req;
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) > LIMITS.maxBodyBytes) {
    exchange.sendError(413, 'body_too_large', TOO_LARGE_MESSAGE);
    return true;
  }
  if (!isJsonType(headers['content-type'])) {
    exchange.sendError(415, 'unsupported_media_type', UNSUPPORTED_TYPE_MESSAGE);
    return true;
  }
  return false;
}

class ExchangeAnswer extends ReportAnswer {
  constructor(metrics: Metrics, private readonly exchange: Exchange) {
    super(metrics);
  }

  protected writeOk(body: string): void {
    this.exchange.sendJson(200, body);
  }

  writeError(status: number, code: string, message: string, retryAfterSeconds?: number): void {
    this.exchange.sendError(status, code, message, retryAfterSeconds === undefined ? [] : ['retry-after', String(retryAfterSeconds)]);
  }

  protected logError(error: unknown, message: string): void {
    this.exchange.logError(error, message);
  }
}

export interface ReportRouteDeps {
  intake: ReportIntake;
  metrics: Metrics;
  clientAddress: ClientAddress;
  /** True once the server is closing: a body that arrives then is not taken (503, retry elsewhere). */
  closing(): boolean;
}

function answerBody(exchange: Exchange, text: string, deps: ReportRouteDeps): void {
  if (text.length === 0) {
    exchange.sendError(400, 'invalid_json', 'The request body is empty; a JSON object is required.');
    return;
  }
  // A leading byte order mark is dropped, as Fastify's JSON parser drops it.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    exchange.sendError(400, 'invalid_json', INVALID_JSON_MESSAGE);
    return;
  }
  if (!isEnvelope(body)) {
    exchange.sendError(400, 'invalid_request', validationMessage(isEnvelope.errors?.[0], 'body', 'body is invalid'));
    return;
  }
  if (deps.closing()) {
    exchange.closeAfter = true;
    exchange.sendError(503, 'unavailable', 'The server is shutting down; nothing was counted, retry.');
    return;
  }
  const { req } = exchange;
  deps.intake.take(body.reports, deps.clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']), new ExchangeAnswer(deps.metrics, exchange));
}

/** A body being read, kept on its request (the listeners below are shared by every request). */
interface BodyRead {
  exchange: Exchange;
  deps: ReportRouteDeps;
  chunks: Buffer[];
  size: number;
}

const BODY = Symbol('reportBody');
type Reading = IncomingMessage & { [BODY]?: BodyRead };

// Listeners are module functions, not closures made per request: the server runs through tsx, whose
// esbuild keeps function names by wrapping each closure it creates in a defineProperty call (measured:
// ~0.4 µs per report).
function onBodyData(this: Reading, chunk: Buffer): void {
  const read = this[BODY]!;
  read.size += chunk.length;
  if (read.size > LIMITS.maxBodyBytes) {
    // The rest is read and dropped (the connection stays usable); the request timeout bounds how long.
    this.removeListener('data', onBodyData);
    this.removeListener('end', onBodyEnd);
    this.resume();
    read.exchange.sendError(413, 'body_too_large', TOO_LARGE_MESSAGE);
    return;
  }
  read.chunks.push(chunk);
}

function onBodyEnd(this: Reading): void {
  const { chunks, exchange, deps } = this[BODY]!;
  this[BODY] = undefined;
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  try {
    answerBody(exchange, text, deps);
  } catch (error) {
    exchange.fail(error);
  }
}

/** A client that goes away mid-body gets no answer; the error must not go unhandled. */
function onBodyError(): void {}

/**
 * Reads the body of a POST whose headers passed refuseByHeaders. Plain JSON.parse, not a parser that scans
 * for "__proto__" and "constructor" keys: JSON.parse makes them plain own properties, every object is
 * validated with no unknown fields allowed (so they are refused), and no body object is merged into another.
 */
export function takeReports(exchange: Exchange, deps: ReportRouteDeps): void {
  const req = exchange.req as Reading;
  req[BODY] = { exchange, deps, chunks: [], size: 0 };
  req.on('data', onBodyData);
  req.on('end', onBodyEnd);
  req.on('error', onBodyError);
}
