// The incident history as the read side holds it (docs/incidents.md): the
// last 90 days of every service's incidents in memory, merged from the
// database on each refresh (other server processes record too), and kept up
// to date from the live statuses. An incident is recorded when it opens, again
// when its peak grows, and once more when it ends; recording is idempotent
// (storage/incidentQueries.ts), so processes sharing a database agree.
import { incidentFrom, type Incident, type IncidentStatus } from '../../src/core/incidents.ts';
import { LIMITS, type IncidentSummary } from '../../src/core/protocol.ts';
import type { IncidentRow } from '../storage/types.ts';
import type { NetworkCounts } from './networkCounts.ts';
import type { MinuteCounts } from './minuteCounts.ts';

const MINUTE_MS = 60_000;
const RETENTION_MINUTES = LIMITS.incidentRetentionDays * 24 * 60;

const sameRow = (a: IncidentRow, b: IncidentRow) =>
  a.endMinute === b.endMinute && a.peak === b.peak && a.peakMinute === b.peakMinute && a.peakLevel === b.peakLevel;

function toRow(service: string, incident: Incident, startMinute = incident.startMinute): IncidentRow {
  return {
    service, startMinute, endMinute: incident.endMinute, peak: incident.peak, peakMinute: incident.peakMinute, peakLevel: incident.peakLevel,
  };
}

/** What recording moves forward (the same rules as the database's upsert). */
function merged(known: IncidentRow | undefined, seen: IncidentRow): IncidentRow {
  if (!known) return seen;
  const higher = seen.peak > known.peak;
  return {
    ...known,
    endMinute: known.endMinute ?? seen.endMinute,
    peak: higher ? seen.peak : known.peak,
    peakMinute: higher ? seen.peakMinute : known.peakMinute,
    peakLevel: known.peakLevel === 'outage' ? 'outage' : seen.peakLevel,
  };
}

export class IncidentHistory {
  /** service → start minute → row. */
  private readonly byService = new Map<string, Map<number, IncidentRow>>();

  /** The earliest minute whose incidents a refresh re-reads: all 90 days when `full`. */
  static readFrom(nowMinute: number, full: boolean, recentMinutes: number): number {
    return nowMinute - (full ? RETENTION_MINUTES : recentMinutes);
  }

  /** Takes rows read from the database (the truth) into memory. */
  load(rows: readonly IncidentRow[]): void {
    for (const row of rows) this.set(row);
  }

  /** Forgets incidents that ended (or, open, started) before the retention window. */
  forgetBefore(nowMinute: number): void {
    const cutoff = nowMinute - RETENTION_MINUTES;
    for (const [service, rows] of this.byService) {
      for (const [start, row] of rows) if ((row.endMinute ?? row.startMinute) < cutoff) rows.delete(start);
      if (rows.size === 0) this.byService.delete(service);
    }
  }

  /**
   * The rows to record after this snapshot: the open incidents of the live statuses, and every incident
   * held open in memory brought up to date (closed, when its hold has run out). Apply them with `load`
   * once they are written.
   */
  changes(counts: MinuteCounts, networks: NetworkCounts, open: ReadonlyMap<string, IncidentStatus>, now: number): IncidentRow[] {
    const out: IncidentRow[] = [];
    const record = (row: IncidentRow) => {
      const known = this.byService.get(row.service)?.get(row.startMinute);
      const next = merged(known, row);
      if (!known || !sameRow(known, next)) out.push(next);
    };
    const covered = new Set<string>();
    for (const [service, rows] of this.byService) {
      for (const row of rows.values()) {
        if (row.endMinute !== null) continue;
        const incident = incidentFrom(counts.counter(service), row.startMinute, now, counts.history(service), networks.supported(service));
        record(toRow(service, incident, row.startMinute));
        const live = open.get(service)?.incident;
        // A service has one open incident at a time: still open, this is the live one (kept under the start it
        // was recorded with, should a late report move the start the counts give).
        if (live && incident.endMinute === null) covered.add(service);
      }
    }
    for (const [service, status] of open) {
      if (status.incident && !covered.has(service)) record(toRow(service, status.incident));
    }
    return out;
  }

  /** A service's incidents of the last 90 days, newest first, as the API lists them. */
  list(service: string, now: number): IncidentSummary[] {
    const rows = this.byService.get(service);
    if (!rows) return [];
    const cutoff = Math.floor(now / MINUTE_MS) - RETENTION_MINUTES;
    return [...rows.values()]
      .filter((row) => (row.endMinute ?? row.startMinute) >= cutoff)
      .sort((a, b) => b.startMinute - a.startMinute)
      .map((row) => ({
        since: row.startMinute * MINUTE_MS,
        until: row.endMinute === null ? null : row.endMinute * MINUTE_MS,
        peak: row.peak,
        peakLevel: row.peakLevel,
      }));
  }

  private set(row: IncidentRow): void {
    let rows = this.byService.get(row.service);
    if (!rows) this.byService.set(row.service, (rows = new Map()));
    rows.set(row.startMinute, row);
  }
}
