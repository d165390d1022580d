// Per-service, per-minute totals of counted reports held in memory, so the
// detector's countAt is O(1) and no aggregate runs on the request path. The
// database stays the truth: ranges are overwritten with what it returns, so
// several processes on one PostgreSQL converge on the same numbers.
import type { BaselineHistory } from '../../src/core/baseline.ts';
import type { FirstMinute, MinuteTotal } from '../storage/types.ts';

interface ServiceMinutes {
  counts: Map<number, number>;
  /** Highest minute with a count: lets range clears skip idle services. */
  lastMinute: number;
}

export class MinuteCounts {
  private readonly services = new Map<string, ServiceMinutes>();
  /**
   * First minute with a count, per service and over all: kept when the service's old minutes are forgotten,
   * because it says how much history the baseline has (docs/detector.md), not what is in memory.
   */
  private readonly firstSeen = new Map<string, number>();
  private serverFrom = Infinity;

  /** Merges first minutes read from the database (earlier than anything loaded into memory). */
  noteFirstMinutes(rows: readonly FirstMinute[]): void {
    for (const row of rows) this.noteSeen(row.service, row.minute);
  }

  /** How much history the server holds for `service` (serverFrom is Infinity before the server has any count). */
  history(service: string): BaselineHistory {
    return { serverFrom: this.serverFrom, serviceFrom: this.firstSeen.get(service) ?? null };
  }

  private noteSeen(service: string, minute: number): void {
    const first = this.firstSeen.get(service);
    if (first === undefined || minute < first) this.firstSeen.set(service, minute);
    if (minute < this.serverFrom) this.serverFrom = minute;
  }

  /** countAt for the detector: 0 for unknown services and empty minutes. */
  counter(service: string): (minute: number) => number {
    const entry = this.services.get(service);
    if (!entry) return () => 0;
    const counts = entry.counts;
    return (minute) => counts.get(minute) ?? 0;
  }

  /** Replaces every count in minutes [fromMinute, toMinute) with `rows` (which must all lie in that range). */
  replaceRange(fromMinute: number, toMinute: number, rows: readonly MinuteTotal[]): void {
    for (const entry of this.services.values()) {
      if (entry.lastMinute < fromMinute) continue;
      for (let m = fromMinute; m < toMinute; m++) entry.counts.delete(m);
    }
    for (const row of rows) {
      let entry = this.services.get(row.service);
      if (!entry) {
        entry = { counts: new Map(), lastMinute: row.minute };
        this.services.set(row.service, entry);
      }
      entry.counts.set(row.minute, row.count);
      if (row.count > 0) this.noteSeen(row.service, row.minute);
      if (row.minute > entry.lastMinute) entry.lastMinute = row.minute;
    }
  }

  /** Forgets minutes before `minute` and services with nothing left. */
  forgetBefore(minute: number): void {
    for (const [service, entry] of this.services) {
      if (entry.lastMinute < minute) {
        this.services.delete(service);
        continue;
      }
      for (const m of entry.counts.keys()) if (m < minute) entry.counts.delete(m);
    }
    // A service silent for the whole window is new again when it returns (its baseline learns from the server's
    // silence meanwhile, docs/detector.md); this also bounds the first minutes kept to the services in memory.
    for (const service of this.firstSeen.keys()) if (!this.services.has(service)) this.firstSeen.delete(service);
  }

  /** Services with a count in [fromMinute, toMinute), with their sum there. */
  activeSince(fromMinute: number, toMinute: number): Map<string, number> {
    const active = new Map<string, number>();
    for (const [service, entry] of this.services) {
      if (entry.lastMinute < fromMinute) continue;
      let sum = 0;
      for (let m = fromMinute; m < toMinute; m++) sum += entry.counts.get(m) ?? 0;
      if (sum > 0) active.set(service, sum);
    }
    return active;
  }
}
