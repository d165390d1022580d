// POST /v1/reports (DESIGN §6): envelope validated by the route schema, each
// report on its own, rate limits, then one group commit for all valid reports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ErrorResponseSchema, LIMITS, ReportBatchEnvelopeSchema, ReportBatchSchema, ReportResponseSchema, type ReportResult,
} from '../../src/core/protocol.ts';
import type { Clock } from '../clock.ts';
import { baseHeaderList, sendError } from '../http.ts';
import type { CommitWaiter, GroupCommitter } from '../ingest/groupCommit.ts';
import type { DailyIpHasher, MinuteLimiter } from '../ingest/rateLimit.ts';
import { checkReport, echoId } from '../ingest/validateReport.ts';
import type { Metrics } from '../metrics.ts';
import type { CommitStatus, IngestReport } from '../storage/types.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export interface ReportRouteDeps {
  clock: Clock;
  committer: GroupCommitter;
  ipLimiter: MinuteLimiter;
  clientLimiter: MinuteLimiter;
  ipHasher: DailyIpHasher;
  metrics: Metrics;
}

/** One request's answer, completed when its reports have committed. */
class ReportAnswer implements CommitWaiter {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly items: unknown[],
    /** One JSON text per report; the rejected ones are already filled in. */
    private readonly results: string[],
    /** Where each submitted report sits in `items`. */
    private readonly validAt: number[],
    private readonly metrics: Metrics,
  ) {}

  committed(error: unknown, statuses?: CommitStatus[]): void {
    if (!statuses) {
      this.request.log.error({ err: error }, 'report batch commit failed');
      sendError(this.reply, 503, 'unavailable', 'The reports could not be stored right now; nothing was counted, retry later.');
      return;
    }
    for (let k = 0; k < statuses.length; k++) {
      const status = statuses[k]!;
      const i = this.validAt[k]!;
      // A submitted report's id is a checked UUID: spliced in as is.
      this.results[i] = `{"id":"${(this.items[i] as { id: string }).id}","status":"${status}"}`;
      this.metrics.report(status);
    }
    this.send();
  }

  /**
   * Written straight to the socket (hijacked reply) with the same headers Fastify would send: its send
   * pipeline was a measurable part of each request. onResponse hooks (metrics, request logs) still run.
   */
  send(): void {
    const body = `{"results":[${this.results.join(',')}]}`;
    this.reply.hijack();
    this.reply.raw.writeHead(200, baseHeaderList(this.request.headers.origin).concat(
      'content-type', JSON_TYPE, 'content-length', String(Buffer.byteLength(body)))).end(body);
  }
}

export async function reportRoutes(app: FastifyInstance, deps: ReportRouteDeps): Promise<void> {
  const { clock, committer, ipLimiter, clientLimiter, ipHasher, metrics } = deps;
  app.post<{ Body: { reports: unknown[] } }>('/v1/reports', {
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
    // thenable Fastify would wait on; an async wrapper adds a promise per request.)
    const items = request.body.reports;

    if (ipLimiter.enabled) {
      const ip = new Map([[ipHasher.hash(request.ip), items.length]]);
      const decision = ipLimiter.check(ip);
      if (!decision.ok) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        sendError(reply, 429, 'rate_limited', `Too many reports from this network; retry after ${decision.retryAfterSeconds} s.`);
        return;
      }
      ipLimiter.take(ip);
    }
    if (clientLimiter.enabled) {
      const clients = new Map<string, number>();
      for (const item of items) {
        const client = (item as { client?: unknown } | null)?.client;
        if (typeof client === 'string') clients.set(client, (clients.get(client) ?? 0) + 1);
      }
      const decision = clientLimiter.check(clients);
      if (!decision.ok) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        sendError(reply, 429, 'rate_limited', `Too many reports from this install; retry after ${decision.retryAfterSeconds} s.`);
        return;
      }
      clientLimiter.take(clients);
    }

    const now = clock.now();
    // One result per report, kept as JSON text: a counted report's id is a checked UUID, so its entry is
    // spliced in as is; anything else goes through JSON.stringify. Sent as a string, the body skips
    // Fastify's serializer (the 200 schema above still documents it, and the tests parse every answer).
    const results: string[] = new Array(items.length);
    const valid: IngestReport[] = [];
    const validAt: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const check = checkReport(item, now);
      if (check.ok) {
        valid.push(check.report);
        validAt.push(i);
      } else {
        results[i] = JSON.stringify({ id: echoId(item), status: 'rejected', reason: check.reason } satisfies ReportResult);
        metrics.report('rejected');
      }
    }

    const answer = new ReportAnswer(request, reply, items, results, validAt, metrics);
    if (valid.length === 0) answer.send();
    else committer.submit(valid, answer);
  });
}
