// Retention (docs/privacy-and-trust.md): raw reports 7 days, counters 90 days, incidents 90
// days after they end (docs/incidents.md). Suppression windows (by arrival)
// only matter while their window lasts, and the network evidence
// (migration0006.ts) while the detector replays a level (under a day); both
// are kept 2 days. SQLite keeps its claims in memory (sqlite/recentKeys.ts).
import { minuteOf } from './minutes.ts';
import { RETENTION } from './types.ts';

/** Epoch minutes: rows before them are deleted. */
export interface PruneCutoffs {
  reports: number;
  suppression: number;
  counters: number;
  incidents: number;
  /** The current epoch minute (SQLite drops in-memory claims no report can name any more). */
  now: number;
}

export function pruneCutoffs(nowMs: number): PruneCutoffs {
  const now = minuteOf(nowMs);
  return {
    reports: now - minuteOf(RETENTION.rawReportsMs),
    suppression: now - minuteOf(RETENTION.suppressionMs),
    counters: now - minuteOf(RETENTION.countersMs),
    incidents: now - minuteOf(RETENTION.incidentsMs),
    now,
  };
}
