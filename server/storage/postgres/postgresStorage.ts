// Production storage (docs/architecture.md): PostgreSQL, shared by any number of server
// processes. Dedupe and suppression are unique keys, a batch is one statement
// (commitBatch.ts), and reads go through the shared queries (countQueries.ts).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../clock.ts';
import { sortedCounts, sumCounts } from '../counterCells.ts';
import { pingDatabase, readBreakdown, readFirstMinutes, readMinuteTotals, readNetworkTotals } from '../countQueries.ts';
import { pruneIncidents, readIncidents, recordIncidents } from '../incidentQueries.ts';
import { migrateToLatest } from '../migrations.ts';
import { pruneCutoffs } from '../prune.ts';
import type { Database } from '../schema.ts';
import type {
  CommitStatus, CounterRow, FirstMinute, IncidentRow, IngestReport, MinuteTotal, NetworkTotal, PruneResult, Storage,
} from '../types.ts';
import { commitPostgresBatch } from './commitBatch.ts';

/**
 * Batches committing at once, whatever the pool size (the rest of the pool serves reads). Fewer, larger
 * batches cost less CPU per report on both sides; measured with wrk -c100 here, 2 in flight against 6:
 * Node ~52–67 vs ~63–85 µs and PostgreSQL ~50 vs ~74 µs per report, at equal or better req/s.
 */
const COMMITS_IN_FLIGHT = 2;
/** Deadlock / serialization failures: safe to retry the whole batch. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;
/** Rows per INSERT statement of addCounts: well under PostgreSQL's bound-parameter limit. */
const CHUNK_ROWS = 500;

const INT8_OID = 20;
const NUMERIC_OID = 1700;
// Counts and sums fit comfortably in a double; pg returns int8/numeric as strings otherwise.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_ROWS) out.push(items.slice(i, i + CHUNK_ROWS));
  return out;
}

class PostgresStorage implements Storage {
  readonly dialect = 'postgres' as const;
  private closed = false;

  constructor(
    readonly description: string,
    readonly maxConcurrentCommits: number,
    private readonly db: Kysely<Database>,
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  async commitReports(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await commitPostgresBatch(this.pool, reports, receivedAt);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE_CODES.has(code)) throw error;
      }
    }
  }

  /** Upserts in key order (counterCells.ts), so concurrent processes lock rows in one order. */
  async addCounts(rows: readonly CounterRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { cells, totals } = sortedCounts(sumCounts(rows));
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(cells)) {
        await trx.insertInto('counters').values(chunk)
          .onConflict((oc) => oc.columns(['service', 'minute', 'problem', 'country', 'source', 'signals'])
            .doUpdateSet((eb) => ({ count: eb('counters.count', '+', eb.ref('excluded.count')) })))
          .execute();
      }
      for (const chunk of chunks(totals)) {
        await trx.insertInto('minute_totals').values(chunk)
          .onConflict((oc) => oc.columns(['service', 'minute'])
            .doUpdateSet((eb) => ({ count: eb('minute_totals.count', '+', eb.ref('excluded.count')) })))
          .execute();
      }
    });
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
    const reports = await this.db.deleteFrom('reports').where('received_minute', '<', cutoffs.reports).executeTakeFirst();
    const suppressions = await this.db.deleteFrom('suppression').where('window_start', '<', cutoffs.suppression).executeTakeFirst();
    const counters = await this.db.deleteFrom('counters').where('minute', '<', cutoffs.counters).executeTakeFirst();
    await this.db.deleteFrom('minute_totals').where('minute', '<', cutoffs.counters).execute();
    await this.db.deleteFrom('network_windows').where('window_start', '<', cutoffs.suppression).execute();
    await this.db.deleteFrom('network_totals').where('window_start', '<', cutoffs.suppression).execute();
    const incidents = await pruneIncidents(this.db, cutoffs.incidents);
    return {
      incidents,
      reports: Number(reports.numDeletedRows),
      suppressions: Number(suppressions.numDeletedRows),
      counters: Number(counters.numDeletedRows),
    };
  }

  ping(): Promise<void> {
    return pingDatabase(this.db);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }
}

async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two processes creating it at once: one wins with a unique violation, which is fine.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

/** Connects to `databaseUrl` (`?schema=NAME` puts the tables in their own schema) and migrates it. */
export async function openPostgresStorage(databaseUrl: string, clock: Clock, poolSize: number): Promise<Storage> {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`DATABASE_URL schema must be a plain lowercase identifier, got "${schema}"`);
  url.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: poolSize,
    types: pgTypes,
    // enable_nestloop=off: the batch statement's joins (commitBatch.ts) are estimated at 1 row, so
    // PostgreSQL chose nested loops over 50 × 50 rows; as hash joins its CPU per report fell ~28 → ~24 µs
    // (400 batches of 50 replayed on one connection). Harmless for the rest: every other query here is a
    // range scan on one table, without joins.
    options: `-c search_path=${schema} -c enable_nestloop=off`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await ensureSchema(pool, schema);
    await migrateToLatest(db, 'postgres', schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  url.password = '';
  const commits = Math.max(1, Math.min(COMMITS_IN_FLIGHT, poolSize - 2));
  return new PostgresStorage(`PostgreSQL ${url.host}${url.pathname} schema ${schema}`, commits, db, pool, clock);
}
