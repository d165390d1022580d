import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteWriteSql } from './sqliteStatements.ts';
import type { CommitStatus, CounterRow, IngestReport, PruneResult } from './types.ts';

/** Epoch minutes: rows before them are deleted. */
export interface PruneCutoffs {
  reports: number;
  suppression: number;
  counters: number;
}

export interface SqliteWriterCore {
  commit(reports: readonly IngestReport[], receivedAt: number): CommitStatus[];
  addCounts(rows: readonly CounterRow[]): void;
  prune(cutoffs: PruneCutoffs): PruneResult;
}

export function createSqliteWriter(database: BetterSqlite3.Database, sql: SqliteWriteSql): SqliteWriterCore;
