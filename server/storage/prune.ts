// Retention (DESIGN §5): raw reports 7 days, counters 90 days. Suppression
// windows only matter while a report may still name them (24 h), kept 2 days.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { PruneCutoffs } from './sqliteWriterCore.mjs';
import { RETENTION, type PruneResult } from './types.ts';

/** The epoch minutes before which each kind of row is deleted. */
export function pruneCutoffs(nowMs: number): PruneCutoffs {
  const nowMinute = Math.floor(nowMs / 60_000);
  return {
    reports: nowMinute - RETENTION.rawReportsMs / 60_000,
    suppression: nowMinute - RETENTION.suppressionMs / 60_000,
    counters: nowMinute - RETENTION.countersMs / 60_000,
    now: nowMinute,
  };
}

export async function pruneDatabase(db: Kysely<Database>, nowMs: number): Promise<PruneResult> {
  const cutoffs = pruneCutoffs(nowMs);
  const reports = await db.deleteFrom('reports').where('received_minute', '<', cutoffs.reports).executeTakeFirst();
  const suppressions = await db.deleteFrom('suppression').where('window_start', '<', cutoffs.suppression).executeTakeFirst();
  const counterCutoff = cutoffs.counters;
  const counters = await db.deleteFrom('counters').where('minute', '<', counterCutoff).executeTakeFirst();
  await db.deleteFrom('minute_totals').where('minute', '<', counterCutoff).execute();
  return {
    reports: Number(reports.numDeletedRows),
    suppressions: Number(suppressions.numDeletedRows),
    counters: Number(counters.numDeletedRows),
  };
}
