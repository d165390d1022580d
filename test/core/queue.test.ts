import type { Report } from '../../src/core/protocol.ts';
import {
  applySendOutcome,
  backoffDelayMs,
  dueBatch,
  enqueueReport,
  expireReports,
  nextWakeAt,
  QUEUE_POLICY,
  repairQueue,
  type QueuedReport,
} from '../../src/core/reportQueue.ts';

const T0 = 1_764_377_000_000;
let seq = 0;
function report(overrides: Partial<Report> = {}): Report {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    service: 'x',
    problem: 'website',
    source: 'manual',
    signals: [],
    observedAt: T0,
    client: 'abcdefghijklmnop',
    country: null,
    ...overrides,
  };
}
const half = () => 0.5;

describe('backoffDelayMs', () => {
  test('doubles per attempt from 30 s with jitter between half and all of the ceiling', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(15_000);
    expect(backoffDelayMs(1, () => 1)).toBe(30_000);
    expect(backoffDelayMs(2, () => 1)).toBe(60_000);
    expect(backoffDelayMs(3, () => 0)).toBe(60_000);
  });

  test('never waits longer than the cap however many attempts failed', () => {
    expect(backoffDelayMs(50, () => 1)).toBe(QUEUE_POLICY.maxRetryMs);
  });

  test('spreads retries of different browsers (jitter is applied)', () => {
    const delays = new Set([0.1, 0.4, 0.9].map((r) => backoffDelayMs(4, () => r)));
    expect(delays.size).toBe(3);
  });
});

describe('enqueueReport', () => {
  test('is idempotent by report id', () => {
    const r = report();
    const once = enqueueReport([], r, T0);
    const twice = enqueueReport(once, { ...r }, T0 + 5);
    expect(twice).toHaveLength(1);
    expect(twice[0]!.enqueuedAt).toBe(T0);
  });

  test('keeps at most maxItems, dropping the oldest', () => {
    let q: QueuedReport[] = [];
    for (let i = 0; i < QUEUE_POLICY.maxItems + 3; i++) q = enqueueReport(q, report(), T0 + i);
    expect(q).toHaveLength(QUEUE_POLICY.maxItems);
    expect(q[0]!.enqueuedAt).toBe(T0 + 3);
  });
});

describe('dueBatch', () => {
  test('sends at most 50 per request, oldest first', () => {
    let q: QueuedReport[] = [];
    for (let i = 0; i < 120; i++) q = enqueueReport(q, report(), T0 + 120 - i);
    const batch = dueBatch(q, T0 + 1_000);
    expect(batch).toHaveLength(50);
    const enqueuedAt = batch.map((r) => q.find((i) => i.report.id === r.id)!.enqueuedAt);
    expect(enqueuedAt).toEqual([...enqueuedAt].sort((a, b) => a - b));
  });

  test('leaves reports whose retry time has not come', () => {
    const q: QueuedReport[] = [{ report: report(), enqueuedAt: T0, attempts: 1, nextAttemptAt: T0 + 60_000 }];
    expect(dueBatch(q, T0 + 59_999)).toEqual([]);
    expect(dueBatch(q, T0 + 60_000)).toHaveLength(1);
  });
});

describe('applySendOutcome', () => {
  test('a network failure keeps the whole batch with a backed-off next attempt', () => {
    const q = [report(), report()].reduce<QueuedReport[]>((acc, r) => enqueueReport(acc, r, T0), []);
    const batch = dueBatch(q, T0);
    const { queue, settled } = applySendOutcome(q, batch, { kind: 'retry', error: 'unreachable' }, T0, half);
    expect(settled).toEqual([]);
    expect(queue.map((i) => [i.attempts, i.nextAttemptAt, i.lastError])).toEqual([
      [1, T0 + 22_500, 'unreachable'],
      [1, T0 + 22_500, 'unreachable'],
    ]);
  });

  test('honours Retry-After when it is longer than the backoff', () => {
    const q = enqueueReport([], report(), T0);
    const { queue } = applySendOutcome(q, dueBatch(q, T0), { kind: 'retry', error: '429', retryAfterMs: 120_000 }, T0, half);
    expect(queue[0]!.nextAttemptAt).toBe(T0 + 120_000);
  });

  test('counted, duplicate, suppressed and rejected reports leave the queue; a missing result is retried', () => {
    const rs = [report(), report(), report(), report(), report()];
    const q = rs.reduce<QueuedReport[]>((acc, r) => enqueueReport(acc, r, T0), []);
    const { queue, settled } = applySendOutcome(
      q,
      rs,
      {
        kind: 'results',
        results: [
          { id: rs[0]!.id, status: 'counted' },
          { id: rs[1]!.id, status: 'duplicate' },
          { id: rs[2]!.id, status: 'suppressed' },
          { id: rs[3]!.id, status: 'rejected', reason: 'too old' },
        ],
      },
      T0,
      half,
    );
    expect(settled.map((s) => s.status)).toEqual(['counted', 'duplicate', 'suppressed', 'rejected']);
    expect(settled[3]!.reason).toBe('too old');
    expect(queue.map((i) => i.report.id)).toEqual([rs[4]!.id]);
    expect(queue[0]!.attempts).toBe(1);
  });

  test('a refused request (400/413/415) drops its batch as rejected instead of retrying forever', () => {
    const q = enqueueReport([], report(), T0);
    const { queue, settled } = applySendOutcome(q, dueBatch(q, T0), { kind: 'refused', error: 'HTTP 400' }, T0, half);
    expect(queue).toEqual([]);
    expect(settled).toEqual([expect.objectContaining({ status: 'rejected', reason: 'HTTP 400' })]);
  });

  test('reports not in the batch are untouched', () => {
    const a = report();
    const b = report();
    const q = enqueueReport(enqueueReport([], a, T0), b, T0);
    const { queue } = applySendOutcome(q, [a], { kind: 'retry', error: 'x' }, T0, half);
    expect(queue.find((i) => i.report.id === b.id)).toEqual(q[1]);
  });
});

describe('expiry', () => {
  test('reports 24 hours old are dropped as expired with the last error', () => {
    const old = report({ observedAt: T0 - QUEUE_POLICY.maxAgeMs });
    const fresh = report({ observedAt: T0 - QUEUE_POLICY.maxAgeMs + 1 });
    const q = [{ ...enqueueReport([], old, T0 - 1000)[0]!, lastError: 'unreachable' }, ...enqueueReport([], fresh, T0)];
    const { queue, expired } = expireReports(q, T0);
    expect(queue.map((i) => i.report.id)).toEqual([fresh.id]);
    expect(expired).toEqual([{ id: old.id, service: 'x', status: 'expired', reason: 'unreachable' }]);
    expect(dueBatch(q, T0).map((r) => r.id)).toEqual([fresh.id]);
  });

  test('nextWakeAt is the earliest retry or expiry, null when empty', () => {
    expect(nextWakeAt([])).toBeNull();
    const r = report({ observedAt: T0 });
    const q: QueuedReport[] = [{ report: r, enqueuedAt: T0, attempts: 3, nextAttemptAt: T0 + QUEUE_POLICY.maxAgeMs + 5 }];
    expect(nextWakeAt(q)).toBe(T0 + QUEUE_POLICY.maxAgeMs);
  });

  test('a report retried for a whole day is sent at most ~1 per 30 min and expires after 24 h', () => {
    let q = enqueueReport([], report({ observedAt: T0 }), T0);
    let now = T0;
    let attempts = 0;
    while (q.length) {
      const batch = dueBatch(q, now);
      if (batch.length) {
        attempts += 1;
        q = applySendOutcome(q, batch, { kind: 'retry', error: 'down' }, now, Math.random).queue;
      }
      q = expireReports(q, now).queue;
      now = nextWakeAt(q) ?? now;
    }
    expect(now).toBeLessThanOrEqual(T0 + QUEUE_POLICY.maxAgeMs);
    expect(attempts).toBeGreaterThan(24);
    expect(attempts).toBeLessThan(24 * 4 + 10);
  });
});

describe('repairQueue', () => {
  test('keeps well-formed entries and drops corrupt ones', () => {
    const good = enqueueReport([], report(), T0)[0]!;
    expect(repairQueue([good, null, { report: { id: 1 } }, 'x', { ...good, report: { ...good.report, problem: 'bad' } }])).toEqual([good]);
    expect(repairQueue({ not: 'a list' })).toEqual([]);
  });
});
