// POST /v1/reports (DESIGN §6): envelope validated by the route schema, each
// report on its own, rate limits, then one group commit for all valid reports.
import type { FastifyInstance } from 'fastify';
import {
  ErrorResponseSchema, LIMITS, ReportBatchEnvelopeSchema, ReportBatchSchema, ReportResponseSchema, type ReportResult,
} from '../../src/core/protocol.ts';
import type { Clock } from '../clock.ts';
import { sendError } from '../http.ts';
import type { GroupCommitter } from '../ingest/groupCommit.ts';
import type { DailyIpHasher, MinuteLimiter } from '../ingest/rateLimit.ts';
import { checkReport, echoId } from '../ingest/validateReport.ts';
import type { Metrics } from '../metrics.ts';
import type { IngestReport } from '../storage/types.ts';

export interface ReportRouteDeps {
  clock: Clock;
  committer: GroupCommitter;
  ipLimiter: MinuteLimiter;
  clientLimiter: MinuteLimiter;
  ipHasher: DailyIpHasher;
  metrics: Metrics;
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
  }, async (request, reply) => {
    const items = request.body.reports;

    if (ipLimiter.enabled) {
      const ip = new Map([[ipHasher.hash(request.ip), items.length]]);
      const decision = ipLimiter.check(ip);
      if (!decision.ok) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        return sendError(reply, 429, 'rate_limited', `Too many reports from this network; retry after ${decision.retryAfterSeconds} s.`);
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
        return sendError(reply, 429, 'rate_limited', `Too many reports from this install; retry after ${decision.retryAfterSeconds} s.`);
      }
      clientLimiter.take(clients);
    }

    const now = clock.now();
    const results: ReportResult[] = new Array(items.length);
    const valid: IngestReport[] = [];
    const validAt: number[] = [];
    items.forEach((item, i) => {
      const check = checkReport(item, now);
      if (check.ok) {
        valid.push(check.report);
        validAt.push(i);
        results[i] = { id: echoId(item), status: 'counted' };
      } else {
        results[i] = { id: echoId(item), status: 'rejected', reason: check.reason };
        metrics.report('rejected');
      }
    });

    if (valid.length > 0) {
      let statuses;
      try {
        statuses = await committer.submit(valid);
      } catch (error) {
        request.log.error({ err: error }, 'report batch commit failed');
        return sendError(reply, 503, 'unavailable', 'The reports could not be stored right now; nothing was counted, retry later.');
      }
      statuses.forEach((status, k) => {
        results[validAt[k]!]!.status = status;
        metrics.report(status);
      });
    }
    return { results };
  });
}
