// Storage over Kysely, shared by SQLite and PostgreSQL: reads, counts and
// pruning are the same SQL on both. The hot batch write has one path per
// dialect, each shaped by measurement: prepared statements in-process for
// SQLite (sqliteBatchWriter.ts), one round trip for PostgreSQL
// (postgresBatchWriter.ts).
import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { Database } from './schema.ts';
import type { SqliteWriter } from './sqliteWriter.ts';
import { pruneDatabase } from './prune.ts';
import { commitPostgresBatch } from './postgresBatchWriter.ts';
import {
  type CommitStatus,
  type CounterRow,
  type IngestReport,
  type MinuteTotal,
  type PruneResult,
  type Storage,
} from './types.ts';

/** Rows per INSERT statement: stays well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK_ROWS = 500;
/** PostgreSQL deadlock / serialization failures: safe to retry the whole batch. */
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);

export interface SqlStorageOptions {
  dialect: 'sqlite' | 'postgres';
  description: string;
  maxConcurrentCommits: number;
  clock: Clock;
  /** SQLite: the one writer, on the app's connection (sqliteWriter.ts). */
  writer?: SqliteWriter;
  /** PostgreSQL: the pool, for the prepared batch statement. */
  pgPool?: pg.Pool;
  /** Runs once the connection is closed (SQLite: the last checkpoint). */
  afterClose?: () => Promise<void>;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_ROWS) out.push(items.slice(i, i + CHUNK_ROWS));
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class SqlStorage implements Storage {
  readonly dialect: 'sqlite' | 'postgres';
  readonly description: string;
  readonly maxConcurrentCommits: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: SqlStorageOptions,
  ) {
    this.dialect = options.dialect;
    this.description = options.description;
    this.maxConcurrentCommits = options.maxConcurrentCommits;
  }

  async commitReports(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]> {
    if (this.options.writer) return this.options.writer.commit(reports, receivedAt);
    for (let attempt = 1; ; attempt++) {
      try {
        return await commitPostgresBatch(this.options.pgPool!, reports, receivedAt);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || !code || !RETRYABLE_PG_CODES.has(code)) throw error;
      }
    }
  }

  private async addCountsIn(trx: Transaction<Database>, rows: readonly CounterRow[]): Promise<void> {
    if (rows.length === 0) return;
    const cells = new Map<string, CounterRow>();
    const totals = new Map<string, MinuteTotal>();
    for (const row of rows) {
      const cellKey = `${row.service}\n${row.minute}\n${row.problem}\n${row.country}\n${row.source}\n${row.signals}`;
      const cell = cells.get(cellKey);
      if (cell) cell.count += row.count;
      else cells.set(cellKey, { service: row.service, minute: row.minute, problem: row.problem,
        country: row.country, source: row.source, signals: row.signals, count: row.count });
      const totalKey = `${row.service}\n${row.minute}`;
      const total = totals.get(totalKey);
      if (total) total.count += row.count;
      else totals.set(totalKey, { service: row.service, minute: row.minute, count: row.count });
    }
    const sortedCells = [...cells.entries()].sort((a, b) => compare(a[0], b[0])).map(([, cell]) => cell);
    for (const chunk of chunks(sortedCells)) {
      await trx
        .insertInto('counters')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['service', 'minute', 'problem', 'country', 'source', 'signals'])
            .doUpdateSet((eb) => ({ count: eb('counters.count', '+', eb.ref('excluded.count')) })),
        )
        .execute();
    }
    const sortedTotals = [...totals.entries()].sort((a, b) => compare(a[0], b[0])).map(([, total]) => total);
    for (const chunk of chunks(sortedTotals)) {
      await trx
        .insertInto('minute_totals')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['service', 'minute']).doUpdateSet((eb) => ({
            count: eb('minute_totals.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute();
    }
  }

  async addCounts(rows: readonly CounterRow[]): Promise<void> {
    if (this.options.writer) return this.options.writer.addCounts(rows);
    await this.db.transaction().execute((trx) => this.addCountsIn(trx, rows));
  }

  async minuteTotals(fromMinute: number, toMinute: number): Promise<MinuteTotal[]> {
    return this.db
      .selectFrom('minute_totals')
      .select(['service', 'minute', 'count'])
      .where('minute', '>=', fromMinute)
      .where('minute', '<', toMinute)
      .execute();
  }

  async breakdown(fromMinute: number, toMinute: number): Promise<CounterRow[]> {
    const rows = await this.db
      .selectFrom('counters')
      .select(['service', 'problem', 'country', 'source', 'signals'])
      .select((eb) => eb.fn.sum<number>('count').as('count'))
      .where('minute', '>=', fromMinute)
      .where('minute', '<', toMinute)
      .groupBy(['service', 'problem', 'country', 'source', 'signals'])
      .execute();
    return rows.map((row) => ({ ...row, minute: fromMinute, count: Number(row.count) }) as CounterRow);
  }

  async prune(nowMs: number = this.options.clock.now()): Promise<PruneResult> {
    return this.options.writer ? this.options.writer.prune(nowMs) : pruneDatabase(this.db, nowMs);
  }

  async ping(): Promise<void> {
    await this.db.selectFrom('minute_totals').select('minute').limit(1).execute();
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
    await this.options.afterClose?.();
  }
}
