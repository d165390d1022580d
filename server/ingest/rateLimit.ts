// Per-minute rate limits on reports (per client IP and per install). IPs are
// only ever held as a keyed hash whose secret is random and replaced every
// UTC day, so no raw IP is stored, logged, or linkable across days.
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

const DAY_MS = 24 * 60 * 60_000;

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A fixed one-minute window of report counts per key. */
export class MinuteLimiter {
  private minute = -1;
  private used = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Whether every key can take its amount now; takes nothing. */
  check(amounts: ReadonlyMap<string, number>): LimitDecision {
    if (!this.enabled) return { ok: true };
    const now = this.clock.now();
    this.roll(now);
    for (const [key, amount] of amounts) {
      // A request larger than the whole limit is admitted into an empty window rather than refused forever.
      const used = this.used.get(key) ?? 0;
      if (used > 0 && used + amount > this.limit) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000)) };
      }
    }
    return { ok: true };
  }

  take(amounts: ReadonlyMap<string, number>): void {
    if (!this.enabled) return;
    for (const [key, amount] of amounts) this.used.set(key, (this.used.get(key) ?? 0) + amount);
  }

  private roll(now: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.used = new Map();
    }
  }
}

/** HMAC of an IP address under a secret that rotates every UTC day. */
export class DailyIpHasher {
  private day = -1;
  private secret: Buffer = Buffer.alloc(0);

  constructor(private readonly clock: Clock) {}

  hash(ip: string): string {
    const day = Math.floor(this.clock.now() / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.secret = randomBytes(32);
    }
    return createHmac('sha256', this.secret).update(ip).digest('base64url').slice(0, 22);
  }
}
