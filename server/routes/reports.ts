// POST /v1/reports (DESIGN §6): the envelope is validated by the route schema,
// then ReportIntake takes the reports (rate limits, each report on its own,
// one group commit). Over real HTTP most requests take the fast path in front
// of Fastify (reportFastPath.ts); this route answers the rest, and inject().
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ErrorResponseSchema, LIMITS, ReportBatchEnvelopeSchema, ReportBatchSchema, ReportResponseSchema,
} from '../../src/core/protocol.ts';
import { baseHeaderList, JSON_TYPE, sendError } from '../http.ts';
import { ReportAnswer, type ReportIntake } from '../ingest/reportIntake.ts';
import type { Metrics } from '../metrics.ts';

export const REPORTS_PATH = '/v1/reports';

class FastifyReportAnswer extends ReportAnswer {
  constructor(
    metrics: Metrics,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {
    super(metrics);
  }

  /**
   * Written straight to the socket (hijacked reply) with the same headers Fastify would send: its send
   * pipeline was a measurable part of each request. onResponse hooks (metrics, request logs) still run.
   */
  protected writeOk(body: string): void {
    this.reply.hijack();
    this.reply.raw.writeHead(200, baseHeaderList(this.request.headers.origin).concat(
      'content-type', JSON_TYPE, 'content-length', String(Buffer.byteLength(body)))).end(body);
  }

  writeError(status: number, code: string, message: string, retryAfterSeconds?: number): void {
    if (retryAfterSeconds !== undefined) this.reply.header('retry-after', String(retryAfterSeconds));
    sendError(this.reply, status, code, message);
  }

  protected logError(error: unknown, message: string): void {
    this.request.log.error({ err: error }, message);
  }
}

export async function reportRoutes(app: FastifyInstance, intake: ReportIntake, metrics: Metrics): Promise<void> {
  app.post<{ Body: { reports: unknown[] } }>(REPORTS_PATH, {
    bodyLimit: LIMITS.maxBodyBytes,
    schema: {
      summary: 'Submit 1–50 outage reports; one result per report, in order, after they are committed.',
      // The route validates the envelope; each report is validated alone against ReportSchema.
      body: ReportBatchEnvelopeSchema,
      // What /openapi.json shows: the envelope with every report's full schema.
      documentedBody: ReportBatchSchema,
      response: {
        200: ReportResponseSchema,
        400: ErrorResponseSchema, 413: ErrorResponseSchema, 415: ErrorResponseSchema,
        429: ErrorResponseSchema, 503: ErrorResponseSchema,
      },
    },
  }, (request, reply) => {
    // Not async, and nothing returned: the reply is sent from the commit's callback. (A returned reply is a
    // thenable Fastify would wait on; an async wrapper adds a promise per request.) The body is sent as a
    // string, so it skips Fastify's serializer (the 200 schema above still documents it).
    intake.take(request.body.reports, request.ip, new FastifyReportAnswer(metrics, request, reply));
  });
}
