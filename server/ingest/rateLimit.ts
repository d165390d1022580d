// Per-minute rate limits on reports: per sending network (its daily keyed
// hash, net/networkHasher.ts) and per install (client id).
import type { Clock } from '../clock.ts';

const MINUTE_MS = 60_000;

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

  /** Whether `key` can take `amount` more reports this minute; takes nothing. */
  allows(key: string, amount: number): boolean {
    if (!this.enabled) return true;
    this.roll();
    // A request larger than the whole limit is admitted into an empty window rather than refused forever.
    const used = this.used.get(key) ?? 0;
    return used === 0 || used + amount <= this.limit;
  }

  take(key: string, amount: number): void {
    if (this.enabled) this.used.set(key, (this.used.get(key) ?? 0) + amount);
  }

  /** Seconds until the window rolls over (what Retry-After says). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((MINUTE_MS - (this.clock.now() % MINUTE_MS)) / 1000));
  }

  private roll(): void {
    const minute = Math.floor(this.clock.now() / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      this.used = new Map();
    }
  }
}
