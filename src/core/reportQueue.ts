// The offline report queue's policy (docs/extension.md), pure: the background keeps
// the queue in `storage.local` and asks these functions what to send, what to
// keep and when to wake up. A report that cannot be sent (backend unreachable,
// 5xx, 429) is retried with exponential backoff and jitter until it is 24 hours
// old; the report id makes every retry idempotent on the server.
import { Value } from '@sinclair/typebox/value';
import { LIMITS, ReportSchema, type Report, type ReportResult, type ResultStatus } from './protocol.ts';

export interface QueuedReport {
  report: Report;
  /** Epoch ms when it entered the queue. */
  enqueuedAt: number;
  /** Failed send attempts so far. */
  attempts: number;
  /** Not sent before this time (epoch ms). */
  nextAttemptAt: number;
  /** Why the last attempt failed, for the signal log / debugging. */
  lastError?: string;
}

export const QUEUE_POLICY = {
  maxBatch: LIMITS.maxReportsPerRequest,
  /** The server refuses reports older than this, so there is no point keeping them. */
  maxAgeMs: LIMITS.maxAgeMs,
  firstRetryMs: 30_000,
  maxRetryMs: 30 * 60_000,
  /** A bound on storage use if the backend stays away while signals keep coming. */
  maxItems: 500,
} as const;

/** What one POST of a batch came to. */
export type SendOutcome =
  /** 200 with a result per report. */
  | { kind: 'results'; results: ReportResult[] }
  /** Unreachable, 5xx or 429: keep the whole batch for later. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** The server refused the request itself (400/413/415): retrying the same bytes cannot help. */
  | { kind: 'refused'; error: string };

/** What happened to one report that left the queue. */
export interface SettledReport {
  id: string;
  service: string;
  status: ResultStatus | 'expired';
  reason?: string;
}

/**
 * Delay before retry number `attempts` (1 = first retry): exponential from 30 s,
 * capped at 30 min, with "equal jitter" (half fixed, half random) so that many
 * browsers coming back online after one outage do not retry in lockstep.
 */
export function backoffDelayMs(attempts: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  const ceiling = Math.min(QUEUE_POLICY.maxRetryMs, QUEUE_POLICY.firstRetryMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Adds a report unless its id is queued already (idempotent); the oldest go first when full. */
export function enqueueReport(queue: readonly QueuedReport[], report: Report, now: number): QueuedReport[] {
  if (queue.some((item) => item.report.id === report.id)) return [...queue];
  const next = [...queue, { report, enqueuedAt: now, attempts: 0, nextAttemptAt: now }];
  return next.length > QUEUE_POLICY.maxItems ? next.slice(next.length - QUEUE_POLICY.maxItems) : next;
}

function isExpired(item: QueuedReport, now: number): boolean {
  return now - item.report.observedAt >= QUEUE_POLICY.maxAgeMs;
}

/** Drops reports the server would refuse as too old. */
export function expireReports(
  queue: readonly QueuedReport[],
  now: number,
): { queue: QueuedReport[]; expired: SettledReport[] } {
  const expired: SettledReport[] = [];
  const kept: QueuedReport[] = [];
  for (const item of queue) {
    if (isExpired(item, now)) {
      expired.push({ id: item.report.id, service: item.report.service, status: 'expired', reason: item.lastError ?? 'not sent within 24 hours' });
    } else kept.push(item);
  }
  return { queue: kept, expired };
}

/** The reports due now, oldest first, at most one request's worth. */
export function dueBatch(queue: readonly QueuedReport[], now: number): Report[] {
  return queue
    .filter((item) => item.nextAttemptAt <= now && !isExpired(item, now))
    .sort((a, b) => a.enqueuedAt - b.enqueuedAt)
    .slice(0, QUEUE_POLICY.maxBatch)
    .map((item) => item.report);
}

/**
 * The queue after sending `batch`: settled reports leave it (counted,
 * duplicate, suppressed; rejected ones too — never retried forever), the rest
 * of the batch waits for its next attempt.
 */
export function applySendOutcome(
  queue: readonly QueuedReport[],
  batch: readonly Report[],
  outcome: SendOutcome,
  now: number,
  random: () => number,
): { queue: QueuedReport[]; settled: SettledReport[] } {
  const batchIds = new Set(batch.map((r) => r.id));
  const resultById = new Map<string, ReportResult>();
  if (outcome.kind === 'results') {
    for (const result of outcome.results) if (result.id !== null && batchIds.has(result.id)) resultById.set(result.id, result);
  }
  const settled: SettledReport[] = [];
  const next: QueuedReport[] = [];
  for (const item of queue) {
    const { id, service } = item.report;
    if (!batchIds.has(id)) {
      next.push(item);
      continue;
    }
    if (outcome.kind === 'refused') {
      settled.push({ id, service, status: 'rejected', reason: outcome.error });
      continue;
    }
    const result = resultById.get(id);
    if (result) {
      settled.push({ id, service, status: result.status as ResultStatus, ...(result.reason ? { reason: result.reason } : {}) });
      continue;
    }
    // A retry, or a 200 that left this report out: try it again later.
    const attempts = item.attempts + 1;
    const error = outcome.kind === 'retry' ? outcome.error : 'no result for this report in the response';
    const wait = Math.max(backoffDelayMs(attempts, random), outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0);
    next.push({ ...item, attempts, nextAttemptAt: now + wait, lastError: error });
  }
  return { queue: next, settled };
}

/** When the queue next has something to do (a retry or an expiry), or null when it is empty. */
export function nextWakeAt(queue: readonly QueuedReport[]): number | null {
  let wake: number | null = null;
  for (const item of queue) {
    const at = Math.min(item.nextAttemptAt, item.report.observedAt + QUEUE_POLICY.maxAgeMs);
    if (wake === null || at < wake) wake = at;
  }
  return wake;
}

/** Any stored value → a well-formed queue (a corrupt entry is dropped, never a crash). */
export function repairQueue(stored: unknown): QueuedReport[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (item): item is QueuedReport =>
      !!item &&
      typeof item === 'object' &&
      Value.Check(ReportSchema, item.report) &&
      typeof item.enqueuedAt === 'number' &&
      typeof item.attempts === 'number' &&
      typeof item.nextAttemptAt === 'number',
  );
}
