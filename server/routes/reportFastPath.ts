// POST /v1/reports answered before Fastify sees the request, like GET
// /v1/status (statusFastPath.ts): the hottest write path skips Fastify's
// routing, request and reply objects, hooks and body-parser plumbing, which
// cost about a tenth of ingest throughput (bench:server). Only the plain case
// is taken: exactly this path, a JSON content type, a Content-Length within
// the body limit, no Transfer-Encoding or Expect, and no proxy whose
// forwarded address Fastify would have to work out. Everything else
// (oversized or chunked bodies, other media types, a closing server, request
// logs at info level) goes to the Fastify route, which answers the same way.
// What the fast path does answer is the same bytes Fastify would send: the
// body parse of Fastify's JSON parser (a leading BOM dropped), the route's
// envelope schema and error messages (http.ts), ReportIntake for the rest,
// and the same request metric (test/server/reportFastPath.test.ts compares
// the two paths answer by answer).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { LIMITS, ReportBatchEnvelopeSchema } from '../../src/core/protocol.ts';
import { baseHeaderList, errorBody, INVALID_JSON_MESSAGE, JSON_TYPE, validationMessage } from '../http.ts';
import { ReportAnswer, type ReportIntake } from '../ingest/reportIntake.ts';
import { strictAjv } from '../ingest/validateReport.ts';
import type { Metrics } from '../metrics.ts';
import { REPORTS_PATH } from './reports.ts';
import type { FastPath } from './statusFastPath.ts';

/** The envelope schema, compiled as the route's (app.ts: strictAjv for bodies). */
const isEnvelope = strictAjv().compile<{ reports: unknown[] }>(ReportBatchEnvelopeSchema);

/** The body length when the fast path can take the request, else -1. */
function plainBodyLength(headers: IncomingHttpHeaders): number {
  const type = headers['content-type'];
  if (type !== 'application/json' && type?.toLowerCase() !== JSON_TYPE) return -1;
  if (headers['transfer-encoding'] !== undefined || headers.expect !== undefined) return -1;
  const length = Number(headers['content-length']);
  // 0 (an empty body) and anything over the limit are Fastify's to answer (400 and 413).
  return Number.isInteger(length) && length > 0 && length <= LIMITS.maxBodyBytes ? length : -1;
}

class RawReportAnswer extends ReportAnswer {
  constructor(
    metrics: Metrics,
    private readonly res: ServerResponse,
    private readonly origin: string | undefined,
    private readonly log: FastifyBaseLogger,
  ) {
    super(metrics);
  }

  protected writeOk(body: string): void {
    this.write(200, body, []);
  }

  writeError(status: number, code: string, message: string, retryAfterSeconds?: number): void {
    this.write(status, errorBody(code, message), retryAfterSeconds === undefined ? [] : ['retry-after', String(retryAfterSeconds)]);
  }

  protected logError(error: unknown, message: string): void {
    this.log.error({ err: error }, message);
  }

  private write(status: number, body: string, extra: string[]): void {
    this.res.writeHead(status, baseHeaderList(this.origin).concat(
      extra, 'content-type', JSON_TYPE, 'content-length', String(Buffer.byteLength(body)))).end(body);
    this.metrics.request(REPORTS_PATH, 'POST', status);
  }
}

function answerBody(text: string, answer: RawReportAnswer, intake: ReportIntake, ip: string, log: FastifyBaseLogger): void {
  // Fastify's JSON parser (secure-json-parse) drops a byte order mark; so does this.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    answer.writeError(400, 'invalid_json', INVALID_JSON_MESSAGE);
    return;
  }
  if (!isEnvelope(body)) {
    answer.writeError(400, 'invalid_request', validationMessage(isEnvelope.errors?.[0], 'body', 'body is invalid'));
    return;
  }
  try {
    intake.take(body.reports, ip, answer);
  } catch (error) {
    log.error({ err: error }, 'request failed');
    answer.writeError(500, 'internal', 'The server failed to handle this request; retry later.');
  }
}

/** Takes a plain POST /v1/reports and returns true, or returns false and leaves the request to Fastify. */
export function reportFastPath(intake: ReportIntake, metrics: Metrics, log: FastifyBaseLogger): FastPath & { stop(): void } {
  let enabled = true;
  const take = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!enabled || req.method !== 'POST' || req.url !== REPORTS_PATH) return false;
    const length = plainBodyLength(req.headers);
    if (length < 0) return false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      answerBody(text, new RawReportAnswer(metrics, res, req.headers.origin, log), intake, req.socket.remoteAddress ?? '', log);
    });
    // A client that went away mid-body gets no answer, as with Fastify; the error must not go unhandled.
    req.on('error', () => {});
    return true;
  };
  return Object.assign(take, { stop: () => { enabled = false; } });
}
