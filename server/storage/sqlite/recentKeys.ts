// SQLite's dedupe and suppression index: the keys of the last day's reports,
// in the one server process's memory, rebuilt from the reports table when the
// server starts (the design of Bitcask's keydir). With unique B-tree indexes
// every new report dirtied two random pages per commit, about 8 KB of WAL and
// ~15 µs of the writer's time (bench/sqlite-writer.ts); instead the table is
// appended to. Only keys a report can still name are needed (a report's
// observedAt is at most LIMITS.maxAgeMs old), so older ids and windows are
// dropped. Keys are held as fingerprints (fingerprintSet.ts), ~50–100 bytes
// per report for both sets, and nothing the garbage collector walks.
import { LIMITS } from '../../../src/core/protocol.ts';
import { minuteOf } from '../minutes.ts';
import { FingerprintHasher, FingerprintSet } from './fingerprintSet.ts';

/** Suppression windows, in minutes (DESIGN §6). */
export const WINDOW_MINUTES = minuteOf(LIMITS.suppressionWindowMs);
/** Ids and claims older than this many minutes can no longer be named by an acceptable report. */
export const KEEP_MINUTES = minuteOf(LIMITS.idRetentionMs);

export function windowOf(minute: number): number {
  return minute - (minute % WINDOW_MINUTES);
}

export class RecentKeys {
  private readonly hasher = new FingerprintHasher();
  /** (service, id), kept KEEP_MINUTES after the minute it was received. */
  private readonly ids = new FingerprintSet();
  /** (service, client, window) of each counted report, kept until no report can name the window. */
  private readonly claims = new FingerprintSet();

  hasId(service: string, id: string): boolean {
    return this.ids.has(this.hasher.hash(service, id));
  }

  /** Adds the id; false when it was there already (a duplicate). */
  addId(service: string, id: string, receivedMinute: number): boolean {
    return this.ids.add(this.hasher.hash(service, id), receivedMinute + KEEP_MINUTES);
  }

  /** Takes back an id (a commit that failed). */
  removeId(service: string, id: string): void {
    this.ids.remove(this.hasher.hash(service, id));
  }

  hasClaim(service: string, client: string, minute: number): boolean {
    return this.claims.has(this.claimKey(service, client, minute));
  }

  /** True when the claim was new (the report counts), false when this client already has one. */
  claim(service: string, client: string, minute: number): boolean {
    const start = windowOf(minute);
    return this.claims.add(this.claimKey(service, client, minute), start + WINDOW_MINUTES + KEEP_MINUTES - 1);
  }

  /** Takes back a claim (a commit that failed). */
  unclaim(service: string, client: string, minute: number): void {
    this.claims.remove(this.claimKey(service, client, minute));
  }

  /** Drops what no acceptable report can name any more; returns the claims dropped. */
  forget(nowMinute: number): number {
    this.ids.forget(nowMinute);
    return this.claims.forget(nowMinute);
  }

  get size(): { ids: number; claims: number } {
    return { ids: this.ids.size, claims: this.claims.size };
  }

  private claimKey(service: string, client: string, minute: number) {
    return this.hasher.hash(service, client, String(windowOf(minute)));
  }
}
