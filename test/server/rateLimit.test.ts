// The per-minute limiter (server/ingest/rateLimit.ts): exact for the keys
// that matter, in fixed memory however many keys a minute brings.
import { ManualClock } from '../../server/clock.ts';
import { MinuteLimiter } from '../../server/ingest/rateLimit.ts';

const T0 = Date.UTC(2026, 10, 2, 12, 0, 0);

it('admits up to the limit per key and minute, then refuses until the next minute', () => {
  const clock = new ManualClock(T0 + 20_000);
  const limiter = new MinuteLimiter(5, clock);
  for (let i = 0; i < 5; i++) {
    expect(limiter.allows('network-a', 1)).toBe(true);
    limiter.take('network-a', 1);
  }
  expect(limiter.allows('network-a', 1)).toBe(false);
  expect(limiter.allows('network-b', 5)).toBe(true);
  expect(limiter.retryAfterSeconds()).toBe(40);
  clock.advance(40_000);
  expect(limiter.allows('network-a', 5)).toBe(true);
});

it('admits a request larger than the whole limit into an empty window, once', () => {
  const limiter = new MinuteLimiter(3, new ManualClock(T0));
  expect(limiter.allows('install', 50)).toBe(true);
  limiter.take('install', 50);
  expect(limiter.allows('install', 1)).toBe(false);
});

it('refuses no sender for what others took, at the default install limit and 1.5 M senders in a minute', () => {
  // 1.5 M new senders a minute is 25 k reports per second, more than one server process takes in.
  const limiter = new MinuteLimiter(120, new ManualClock(T0));
  let refused = 0;
  for (let i = 0; i < 1_500_000; i++) {
    const key = `sender-${i}-${(i * 2654435761) % 1000003}`;
    if (!limiter.allows(key, 1)) refused++;
    limiter.take(key, 1);
  }
  expect(refused).toBe(0);
});

it('does nothing when its limit is 0', () => {
  const limiter = new MinuteLimiter(0, new ManualClock(T0));
  limiter.take('x', 1000);
  expect(limiter.enabled).toBe(false);
  expect(limiter.allows('x', 1000)).toBe(true);
});
