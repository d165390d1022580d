// What POST /v1/reports does with a batch once its envelope is valid (DESIGN
// §6): rate limits, each report checked on its own, one group commit for the
// valid ones, then one answer. Shared by the Fastify route (routes/reports.ts)
// and the fast path in front of it (routes/reportFastPath.ts), which differ
// only in how an answer is written (ReportAnswer's subclasses).
import type { ReportResult } from '../../src/core/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Metrics } from '../metrics.ts';
import type { CommitStatus, IngestReport } from '../storage/types.ts';
import type { CommitWaiter, GroupCommitter } from './groupCommit.ts';
import type { DailyIpHasher, MinuteLimiter } from './rateLimit.ts';
import { checkReport, echoId } from './validateReport.ts';

export interface ReportIntakeDeps {
  clock: Clock;
  committer: GroupCommitter;
  ipLimiter: MinuteLimiter;
  clientLimiter: MinuteLimiter;
  ipHasher: DailyIpHasher;
  metrics: Metrics;
}

/** One request's answer, completed when its reports have committed. */
export abstract class ReportAnswer implements CommitWaiter {
  items: unknown[] = [];
  /** One JSON text per report; the rejected ones are filled in before the commit. */
  results: string[] = [];
  /** Where each submitted report sits in `items`. */
  validAt: number[] = [];

  constructor(protected readonly metrics: Metrics) {}

  /** The 200 answer (JSON text), written with the security and CORS headers every answer carries. */
  protected abstract writeOk(body: string): void;
  /** An error answer: `{"error": {code, message}}`, with Retry-After when given. */
  abstract writeError(status: number, code: string, message: string, retryAfterSeconds?: number): void;
  protected abstract logError(error: unknown, message: string): void;

  committed(error: unknown, statuses?: CommitStatus[]): void {
    if (!statuses) {
      this.logError(error, 'report batch commit failed');
      this.writeError(503, 'unavailable', 'The reports could not be stored right now; nothing was counted, retry later.');
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

  send(): void {
    this.writeOk(`{"results":[${this.results.join(',')}]}`);
  }
}

/** Takes `amounts` from the limiter and returns true, or writes the 429 (with Retry-After) and returns false. */
function admit(limiter: MinuteLimiter, amounts: ReadonlyMap<string, number>, answer: ReportAnswer, from: string): boolean {
  const decision = limiter.check(amounts);
  if (!decision.ok) {
    const wait = decision.retryAfterSeconds;
    answer.writeError(429, 'rate_limited', `Too many reports from this ${from}; retry after ${wait} s.`, wait);
    return false;
  }
  limiter.take(amounts);
  return true;
}

export class ReportIntake {
  constructor(private readonly deps: ReportIntakeDeps) {}

  /** Takes the envelope's reports (already checked to be an array of 1–50 items) from the client at `ip`. */
  take(items: unknown[], ip: string, answer: ReportAnswer): void {
    const { clock, committer, ipLimiter, clientLimiter, ipHasher, metrics } = this.deps;
    if (ipLimiter.enabled && !admit(ipLimiter, new Map([[ipHasher.hash(ip), items.length]]), answer, 'network')) return;
    if (clientLimiter.enabled) {
      const clients = new Map<string, number>();
      for (const item of items) {
        const client = (item as { client?: unknown } | null)?.client;
        if (typeof client === 'string') clients.set(client, (clients.get(client) ?? 0) + 1);
      }
      if (!admit(clientLimiter, clients, answer, 'install')) return;
    }

    const now = clock.now();
    // One result per report, kept as JSON text: a counted report's id is a checked UUID, so its entry is
    // spliced in as is; anything else goes through JSON.stringify.
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
    answer.items = items;
    answer.results = results;
    answer.validAt = validAt;
    if (valid.length === 0) answer.send();
    else committer.submit(valid, answer);
  }
}
