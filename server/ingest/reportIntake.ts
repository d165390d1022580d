// What POST /v1/reports does with a batch once its envelope is valid
// (docs/protocol.md): rate limits, each report checked on its own, one group
// commit for the valid ones, then one answer (api/reports.ts writes it).
import type { ReportResult } from '../../src/core/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Metrics } from '../metrics.ts';
import type { NetworkHasher } from '../net/networkHasher.ts';
import type { CommitStatus, IngestReport } from '../storage/types.ts';
import type { CommitWaiter, GroupCommitter } from './groupCommit.ts';
import type { MinuteLimiter } from './rateLimit.ts';
import { checkReport, echoId } from './validateReport.ts';

export interface ReportIntakeDeps {
  clock: Clock;
  committer: GroupCommitter;
  networkLimiter: MinuteLimiter;
  clientLimiter: MinuteLimiter;
  networkHasher: NetworkHasher;
  metrics: Metrics;
}

/** What follows a result's id, per status. */
const RESULT_TAILS: Record<CommitStatus, string> = {
  counted: '","status":"counted"}',
  duplicate: '","status":"duplicate"}',
  suppressed: '","status":"suppressed"}',
};

/** One request's answer, completed when its reports have committed. */
export abstract class ReportAnswer implements CommitWaiter {
  items: unknown[] = [];
  /** One JSON text per report; the rejected ones are filled in before the commit. */
  results: string[] = [];
  /** Where each submitted report sits in `items`. */
  validAt: number[] = [];

  constructor(protected readonly metrics: Metrics) {}

  /** The 200 answer (JSON text). */
  protected abstract writeOk(body: string): void;
  /** An error answer: `{"error": {code, message}}`, with Retry-After when given. */
  abstract writeError(status: number, code: string, message: string, retryAfterSeconds?: number): void;
  protected abstract logError(error: unknown, message: string): void;

  committed(error: unknown, statuses?: readonly CommitStatus[], offset = 0): void {
    if (!statuses) {
      this.logError(error, 'report batch commit failed');
      this.writeError(503, 'unavailable', 'The reports could not be stored right now; nothing was counted, retry later.');
      return;
    }
    for (let k = 0; k < this.validAt.length; k++) {
      const status = statuses[offset + k]!;
      const i = this.validAt[k]!;
      // A submitted report's id is a checked UUID: spliced in as is.
      this.results[i] = `{"id":"${(this.items[i] as { id: string }).id}${RESULT_TAILS[status]}`;
      this.metrics.report(status);
    }
    this.send();
  }

  send(): void {
    this.writeOk(`{"results":[${this.results.join(',')}]}`);
  }
}

const clientOf = (item: unknown): string | undefined => {
  const client = (item as { client?: unknown } | null)?.client;
  return typeof client === 'string' ? client : undefined;
};

export class ReportIntake {
  constructor(private readonly deps: ReportIntakeDeps) {}

  /** Takes the envelope's reports (already checked to be an array of 1–50 items) from the client at `address`. */
  take(items: unknown[], address: string, answer: ReportAnswer): void {
    const { clock, committer, networkLimiter, clientLimiter, networkHasher, metrics } = this.deps;
    const network = networkHasher.hash(address);
    if (!networkLimiter.allows(network, items.length)) {
      this.refuse(answer, networkLimiter, 'network');
      return;
    }
    if (clientLimiter.enabled && !this.admitClients(items, answer)) return;
    networkLimiter.take(network, items.length);

    const now = clock.now();
    // One result per report, kept as JSON text: a counted report's id is a checked UUID, so its entry is
    // spliced in as is; anything else goes through JSON.stringify.
    const results: string[] = new Array(items.length);
    const valid: IngestReport[] = [];
    const validAt: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const check = checkReport(item, now, network);
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

  /** Checks and takes every install's share of the batch, or writes the 429 and returns false. */
  private admitClients(items: unknown[], answer: ReportAnswer): boolean {
    const { clientLimiter } = this.deps;
    // Usually one install sends its own reports: one key, no map.
    const first = clientOf(items[0]);
    let single = true;
    for (let i = 1; i < items.length && single; i++) single = clientOf(items[i]) === first;
    if (single) {
      if (first === undefined) return true;
      if (!clientLimiter.allows(first, items.length)) {
        this.refuse(answer, clientLimiter, 'install');
        return false;
      }
      clientLimiter.take(first, items.length);
      return true;
    }
    const clients = new Map<string, number>();
    for (const item of items) {
      const client = clientOf(item);
      if (client !== undefined) clients.set(client, (clients.get(client) ?? 0) + 1);
    }
    for (const [client, amount] of clients) {
      if (!clientLimiter.allows(client, amount)) {
        this.refuse(answer, clientLimiter, 'install');
        return false;
      }
    }
    for (const [client, amount] of clients) clientLimiter.take(client, amount);
    return true;
  }

  private refuse(answer: ReportAnswer, limiter: MinuteLimiter, from: string): void {
    const wait = limiter.retryAfterSeconds();
    answer.writeError(429, 'rate_limited', `Too many reports from this ${from}; retry after ${wait} s.`, wait);
  }
}
