// The SQLite write side behind one interface, on the event loop's own
// connection. A commit only appends to the WAL (checkpoints run in their own
// thread, sqliteCheckpointer.ts), ~10 µs per report, so it no longer pays to
// hand batches to a worker thread: on 2 cores the hand-off (JSON both ways,
// waking the thread, which then competes with the event loop for a core) cost
// more than the commit itself. Measured with bench:server in the same
// period: ingest 0.58 of the ceiling with a writer thread, 0.72 without; three
// servers side by side, 9 alternating rounds: ×1.30 (README, Server benchmark).
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { pruneCutoffs } from './prune.ts';
import type { Database } from './schema.ts';
import { sqliteWriteSql } from './sqliteStatements.ts';
import { createSqliteWriter } from './sqliteWriterCore.mjs';
import type { CommitStatus, CounterRow, IngestReport, PruneResult } from './types.ts';

export interface SqliteWriter {
  commit(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]>;
  addCounts(rows: readonly CounterRow[]): Promise<void>;
  prune(nowMs: number): Promise<PruneResult>;
  close(): Promise<void>;
}

/**
 * Dedupe and suppression live in this process's memory (recentKeys.mjs), so only one writer may use the
 * file: it holds an exclusive lock on a side file for its whole life (released by the OS if it dies).
 */
function lockWriter(path: string): BetterSqlite3.Database {
  const lock = new BetterSqlite3(`${path}-writer.lock`);
  lock.pragma('locking_mode = EXCLUSIVE');
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`another Downwatch server is already writing to ${path} (one server per SQLite file; use PostgreSQL to run several)`);
    }
    throw error;
  }
  return lock;
}

/**
 * The writer on `database` (the app's connection). `lockPath`: the file to take the writer lock for
 * (none for ':memory:', which no other process can open). Rebuilds the recent-key index before returning.
 */
export function openSqliteWriter(
  database: BetterSqlite3.Database, db: Kysely<Database>, nowMs: number, lockPath: string | null,
): SqliteWriter {
  const lock = lockPath === null ? null : lockWriter(lockPath);
  let writer;
  try {
    writer = createSqliteWriter(database, sqliteWriteSql(db), nowMs);
  } catch (error) {
    lock?.close();
    throw error;
  }
  return {
    commit: async (reports, receivedAt) => writer.commit(reports, receivedAt),
    addCounts: async (rows) => writer.addCounts(rows),
    prune: async (nowMs) => writer.prune(pruneCutoffs(nowMs)),
    close: async () => {
      lock?.close();
    },
  };
}
