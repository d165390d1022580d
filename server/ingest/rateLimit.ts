// Per-minute rate limits on reports: per sending network (its daily keyed
// hash, net/networkHasher.ts) and per install (client id). Counts live in a
// count-min sketch (Cormode & Muthukrishnan): ROWS rows of WIDTH counters,
// each key adding to one counter per row, its count read as the smallest of
// them. Memory is fixed (512 KiB per limiter) however many senders a minute
// brings, where a map of every key grows by ~100 bytes per new sender (a
// flood of made-up install ids grows it without bound within the minute, and
// at 15 k new senders per second its upkeep measured ~1.5 µs per report). A count is never under-read, so no key gets past its limit; a
// key may be refused early when its counters are shared with busy keys in
// every row, which takes far more senders per minute than the server can
// take in (at 1.5 M new senders in a minute, counters hold ~23 each against
// limits of 120 and 300).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

const MINUTE_MS = 60_000;
const ROWS = 4;
const WIDTH = 1 << 16;
const MAX_COUNT = 0xffff;

/** A fixed one-minute window of report counts per key. */
export class MinuteLimiter {
  private minute = -1;
  private readonly counts = new Uint16Array(ROWS * WIDTH);
  /** Random per limiter: which keys share counters cannot be predicted, so it cannot be arranged. */
  private readonly seed = randomBytes(4).readUInt32LE(0);
  private readonly cells = new Int32Array(ROWS);

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
    const used = this.count(key);
    // A request larger than the whole limit is admitted into an empty window rather than refused forever.
    return used === 0 || used + amount <= this.limit;
  }

  /** Adds `amount` to `key`'s count. */
  take(key: string, amount: number): void {
    if (!this.enabled) return;
    this.roll();
    this.locate(key);
    for (let row = 0; row < ROWS; row++) {
      const cell = this.cells[row]!;
      this.counts[cell] = Math.min(MAX_COUNT, this.counts[cell]! + amount);
    }
  }

  /** Seconds until the window rolls over (what Retry-After says). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((MINUTE_MS - (this.clock.now() % MINUTE_MS)) / 1000));
  }

  private count(key: string): number {
    this.locate(key);
    let least = MAX_COUNT;
    for (let row = 0; row < ROWS; row++) least = Math.min(least, this.counts[this.cells[row]!]!);
    return least;
  }

  /** The key's counter in each row: FNV-1a (seeded) and a second mix of it, combined per row (double hashing). */
  private locate(key: string): void {
    let h = this.seed ^ 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    let g = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    g = Math.imul(g ^ (g >>> 13), 0xc2b2ae35) | 1;
    for (let row = 0; row < ROWS; row++) this.cells[row] = row * WIDTH + ((h + Math.imul(row, g)) >>> 16);
  }

  private roll(): void {
    const minute = Math.floor(this.clock.now() / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.fill(0);
    }
  }
}
