import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteWriteSql } from './sqliteStatements.ts';
import type { CommitStatus, CounterRow, IngestReport, PruneResult } from './types.ts';

/** Epoch minutes: rows before them are deleted. */
export interface PruneCutoffs {
  reports: number;
  suppression: number;
  counters: number;
  /** The current epoch minute (SQLite drops in-memory claims no report can name any more). */
  now: number;
}

export interface SqliteWriterCore {
  commit(reports: readonly IngestReport[], receivedAt: number): CommitStatus[];
  /** Several batches, in order, in one transaction: one status list per batch. */
  commitGroup(groups: ReadonlyArray<{ reports: readonly IngestReport[]; receivedAt: number }>): CommitStatus[][];
  addCounts(rows: readonly CounterRow[]): void;
  prune(cutoffs: PruneCutoffs): PruneResult;
  /** Keys held in memory (recentKeys.mjs). */
  readonly recentKeys: { ids: number; claims: number };
}

/** Opens the writer on a migrated database; `nowMs` bounds the recent keys it rebuilds from the reports. */
export function createSqliteWriter(database: BetterSqlite3.Database, sql: SqliteWriteSql, nowMs: number): SqliteWriterCore;
