// A set of keys held as 64-bit keyed fingerprints in typed arrays: no object
// per key, so the garbage collector never walks them, and ~24–48 bytes per
// key instead of ~150 for a string in a Map. Each key carries the last minute
// it is needed; forget(now) drops the ones past it. Open addressing with
// linear probing; removed keys leave tombstones until the next rebuild.
//
// Fingerprints come from two seeded 32-bit hashes of the key's text. The
// seeds are random per process, so which keys share a fingerprint cannot be
// arranged from outside; by chance, two of a billion keys share one with
// probability ~3 in 100 million.
import { randomBytes } from 'node:crypto';

const EMPTY = 0;
const REMOVED = -1;
const MIN_CAPACITY = 1 << 12;

/** The fingerprint of the last hash() call (two halves), read right after it. */
export interface Fingerprint {
  high: number;
  low: number;
}

export class FingerprintHasher {
  private readonly seeds = new Int32Array(randomBytes(8).buffer);
  private high = 0;
  private low = 0;
  readonly last: Fingerprint = { high: 0, low: 0 };

  /** Fingerprints the parts of a key (each ends with a separator, so ("ab", "c") ≠ ("a", "bc")). */
  hash(a: string, b: string, c?: string): Fingerprint {
    this.high = this.seeds[0]!;
    this.low = this.seeds[1]!;
    this.feed(a);
    this.feed(b);
    if (c !== undefined) this.feed(c);
    let h = Math.imul(this.high ^ (this.high >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    let l = Math.imul(this.low ^ (this.low >>> 16), 0xc2b2ae35);
    l ^= l >>> 16;
    this.last.high = h;
    this.last.low = l;
    return this.last;
  }

  private feed(part: string): void {
    let h = this.high;
    let l = this.low;
    for (let i = 0; i <= part.length; i++) {
      // After the last character, a separator no character can be.
      const code = i < part.length ? part.charCodeAt(i) : 0x10ffff;
      h = Math.imul(h ^ code, 0x5bd1e995);
      h ^= h >>> 15;
      l = Math.imul(l ^ code, 0x01000193);
      l ^= l >>> 13;
    }
    this.high = h;
    this.low = l;
  }
}

/** Slots of three int32s: fingerprint high, fingerprint low, last minute (one cache line per probe). */
const HIGH = 0;
const LOW = 1;
const LAST = 2;

export class FingerprintSet {
  /** Per slot: HIGH, LOW, and LAST, the last minute a key is needed (EMPTY: free, REMOVED: tombstone). */
  private slots = new Int32Array(MIN_CAPACITY * 3);
  private capacity = MIN_CAPACITY;
  private used = 0;
  private removed = 0;

  has(key: Fingerprint): boolean {
    return this.slotOf(key) >= 0;
  }

  /** Adds the key (needed until `lastMinute`, an epoch minute > 0); false if it was there already. */
  add(key: Fingerprint, lastMinute: number): boolean {
    if (this.slotOf(key) >= 0) return false;
    if ((this.used + this.removed + 1) * 2 > this.capacity) this.rebuild();
    const mask = this.capacity - 1;
    let slot = key.low & mask;
    while (this.slots[slot * 3 + LAST]! > 0) slot = (slot + 1) & mask;
    if (this.slots[slot * 3 + LAST] === REMOVED) this.removed--;
    this.slots[slot * 3 + HIGH] = key.high;
    this.slots[slot * 3 + LOW] = key.low;
    this.slots[slot * 3 + LAST] = lastMinute;
    this.used++;
    return true;
  }

  /** Takes a key back (a commit that failed). */
  remove(key: Fingerprint): void {
    const slot = this.slotOf(key);
    if (slot < 0) return;
    this.slots[slot * 3 + LAST] = REMOVED;
    this.used--;
    this.removed++;
  }

  /** Drops every key whose last minute is before `minute`; returns how many. */
  forget(minute: number): number {
    let dropped = 0;
    for (let at = LAST; at < this.slots.length; at += 3) {
      const last = this.slots[at]!;
      if (last > 0 && last < minute) {
        this.slots[at] = REMOVED;
        dropped++;
      }
    }
    this.used -= dropped;
    this.removed += dropped;
    if (this.removed * 4 > this.capacity) this.rebuild();
    return dropped;
  }

  get size(): number {
    return this.used;
  }

  private slotOf(key: Fingerprint): number {
    const mask = this.capacity - 1;
    for (let slot = key.low & mask; ; slot = (slot + 1) & mask) {
      const last = this.slots[slot * 3 + LAST]!;
      if (last === EMPTY) return -1;
      if (last > 0 && this.slots[slot * 3 + LOW] === key.low && this.slots[slot * 3 + HIGH] === key.high) return slot;
    }
  }

  /** Re-inserts the live keys into a table at most a quarter full (tombstones go). */
  private rebuild(): void {
    let capacity = MIN_CAPACITY;
    while (capacity < (this.used + 1) * 4) capacity *= 2;
    const old = this.slots;
    this.slots = new Int32Array(capacity * 3);
    this.capacity = capacity;
    this.removed = 0;
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 3) {
      if (old[from + LAST]! <= 0) continue;
      let slot = old[from + LOW]! & mask;
      while (this.slots[slot * 3 + LAST] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot * 3 + HIGH] = old[from + HIGH]!;
      this.slots[slot * 3 + LOW] = old[from + LOW]!;
      this.slots[slot * 3 + LAST] = old[from + LAST]!;
    }
  }
}
