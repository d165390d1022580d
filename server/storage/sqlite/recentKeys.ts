// SQLite's dedupe, suppression and per-network index: the keys of the last day's reports,
// in the one server process's memory, rebuilt from the reports table when the
// server starts (the design of Bitcask's keydir). With unique B-tree indexes
// every new report dirtied two random pages per commit, about 8 KB of WAL and
// ~15 µs of the writer's time (bench/sqlite-writer.ts); instead the table is
// appended to. Ids are kept while a report can still name them (a report's
// observedAt is at most LIMITS.maxAgeMs old); suppression claims and network
// slots key on the window a report ARRIVED in (docs/privacy-and-trust.md: time is the
// server's), so they are dropped once that window is over. Keys are held as fingerprints (fingerprintSet.ts), ~50–100 bytes
// per report for both sets, and nothing the garbage collector walks.
import { LIMITS } from '../../../src/core/protocol.ts';
import { minuteOf } from '../minutes.ts';
import { FingerprintHasher, FingerprintSet } from './fingerprintSet.ts';

/** Suppression windows, in minutes (docs/protocol.md). */
export const WINDOW_MINUTES = minuteOf(LIMITS.suppressionWindowMs);
/** Ids older than this many minutes can no longer be named by an acceptable report. */
export const KEEP_MINUTES = minuteOf(LIMITS.idRetentionMs);
const NETWORK_SLOTS = LIMITS.networkReportsPerWindow;

export function windowOf(minute: number): number {
  return minute - (minute % WINDOW_MINUTES);
}

export class RecentKeys {
  private readonly hasher = new FingerprintHasher();
  /** (service, id), kept KEEP_MINUTES after the minute it was received. */
  private readonly ids = new FingerprintSet();
  /** (service, client, arrival window) of each claiming report, kept until the window is over. */
  private readonly claims = new FingerprintSet();
  /** (service, network, arrival window, slot): one slot per counted report, LIMITS.networkReportsPerWindow per window. */
  private readonly networkSlots = new FingerprintSet();

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

  hasClaim(service: string, client: string, receivedMinute: number): boolean {
    return this.claims.has(this.claimKey(service, client, receivedMinute));
  }

  /** True when the claim was new (the client's first report in its arrival window), false when it has one. */
  claim(service: string, client: string, receivedMinute: number): boolean {
    return this.claims.add(this.claimKey(service, client, receivedMinute), windowOf(receivedMinute) + WINDOW_MINUTES - 1);
  }

  /** Takes back a claim (a commit that failed). */
  unclaim(service: string, client: string, receivedMinute: number): void {
    this.claims.remove(this.claimKey(service, client, receivedMinute));
  }

  /**
   * Takes one of the network's LIMITS.networkReportsPerWindow slots for the service in the arrival window:
   * -1 when all are taken (the report is not counted), else the slot's number (0: the network is new to
   * the service in this window, so it adds one to the window's distinct networks).
   */
  takeNetworkSlot(service: string, network: string, receivedMinute: number): number {
    const start = windowOf(receivedMinute);
    const key = this.hasher.hash(service, network, String(start));
    const high = key.high;
    for (let slot = 0; slot < NETWORK_SLOTS; slot++) {
      // Slot i's fingerprint: the key's with its high half mixed with i (slot 0 is the key itself).
      key.high = high ^ Math.imul(slot, 0x9e3779b1);
      if (this.networkSlots.add(key, start + WINDOW_MINUTES - 1)) return slot;
    }
    return -1;
  }

  /** Gives back a slot takeNetworkSlot returned (a commit that failed). */
  returnNetworkSlot(service: string, network: string, receivedMinute: number, slot: number): void {
    const key = this.hasher.hash(service, network, String(windowOf(receivedMinute)));
    key.high ^= Math.imul(slot, 0x9e3779b1);
    this.networkSlots.remove(key);
  }

  /** Drops what no acceptable report can name any more; returns the claims dropped. */
  forget(nowMinute: number): number {
    this.ids.forget(nowMinute);
    this.networkSlots.forget(nowMinute);
    return this.claims.forget(nowMinute);
  }

  get size(): { ids: number; claims: number; networkSlots: number } {
    return { ids: this.ids.size, claims: this.claims.size, networkSlots: this.networkSlots.size };
  }

  private claimKey(service: string, client: string, receivedMinute: number) {
    return this.hasher.hash(service, client, String(windowOf(receivedMinute)));
  }
}
