// The embedded default (docs/architecture.md): one SQLite file, one writer on the event
// loop's connection (writer.ts), WAL checkpoints in their own thread
// (checkpointer.ts), reads through the shared queries (countQueries.ts).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import { pingDatabase, readBreakdown, readFirstMinutes, readMinuteTotals, readNetworkTotals } from '../countQueries.ts';
import { pruneIncidents, readIncidents, recordIncidents } from '../incidentQueries.ts';
import { migrateToLatest } from '../migrations.ts';
import { pruneCutoffs } from '../prune.ts';
import type { Database } from '../schema.ts';
import type {
  CommitStatus, CounterRow, FirstMinute, IncidentRow, IngestReport, MinuteTotal, NetworkTotal, PruneResult, Storage, StorageErrorLog,
} from '../types.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { openSqliteConnection } from './connection.ts';
import { sqliteWriteSql } from './statements.ts';
import { SqliteWriter } from './writer.ts';

/**
 * Dedupe and suppression live in this process's memory (recentKeys.ts), so only one writer may use the
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

class SqliteStorage implements Storage {
  readonly dialect = 'sqlite' as const;
  /** One writer: its commits run one at a time. */
  readonly maxConcurrentCommits = 1;
  private closed = false;

  constructor(
    readonly description: string,
    private readonly db: Kysely<Database>,
    private readonly writer: SqliteWriter,
    private readonly clock: Clock,
    private readonly lock: BetterSqlite3.Database | null,
    private readonly checkpointer: Checkpointer | null,
  ) {}

  async commitReports(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]> {
    return this.writer.commit(reports, receivedAt);
  }

  async addCounts(rows: readonly CounterRow[]): Promise<void> {
    this.writer.addCounts(rows);
  }

  minuteTotals(fromMinute: number, toMinute: number): Promise<MinuteTotal[]> {
    return readMinuteTotals(this.db, fromMinute, toMinute);
  }

  networkTotals(fromMinute: number, toMinute: number): Promise<NetworkTotal[]> {
    return readNetworkTotals(this.db, fromMinute, toMinute);
  }

  firstMinutes(): Promise<FirstMinute[]> {
    return readFirstMinutes(this.db);
  }

  breakdown(fromMinute: number, toMinute: number): Promise<CounterRow[]> {
    return readBreakdown(this.db, fromMinute, toMinute);
  }

  recordIncidents(rows: readonly IncidentRow[]): Promise<void> {
    return recordIncidents(this.db, rows);
  }

  incidents(fromMinute: number): Promise<IncidentRow[]> {
    return readIncidents(this.db, fromMinute);
  }

  async prune(nowMs: number = this.clock.now()): Promise<PruneResult> {
    const cutoffs = pruneCutoffs(nowMs);
    const pruned = this.writer.prune(cutoffs);
    return { ...pruned, incidents: await pruneIncidents(this.db, cutoffs.incidents) };
  }

  ping(): Promise<void> {
    return pingDatabase(this.db);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
    this.lock?.close();
    // The last checkpoint, once the main connection is closed.
    await this.checkpointer?.close();
  }
}

/** Opens (creating if needed) and migrates the file at `path`, or an in-memory database for ':memory:'. */
export async function openSqliteStorage(path: string, clock: Clock, onError: StorageErrorLog): Promise<Storage> {
  if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/downwatch.db');
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const { database, db } = openSqliteConnection(file);
  let lock: BetterSqlite3.Database | null = null;
  let writer: SqliteWriter;
  try {
    await migrateToLatest(db, 'sqlite');
    // ':memory:' needs no lock: no other process can open it.
    lock = inMemory ? null : lockWriter(file);
    writer = new SqliteWriter(database, sqliteWriteSql(db), clock.now());
  } catch (error) {
    lock?.close();
    await db.destroy();
    throw error;
  }
  const checkpointer = inMemory ? null : startCheckpointer(file, (message) => onError('SQLite WAL checkpoint failed', new Error(message)));
  return new SqliteStorage(`SQLite ${inMemory ? 'in memory' : file}`, db, writer, clock, lock, checkpointer);
}
