// Opens the database named by DATABASE_URL and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { systemClock, type Clock } from '../clock.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';
import { SqlStorage } from './sqlStorage.ts';
import { openSqliteConnection } from './sqliteConnection.ts';
import { openSqliteWriter } from './sqliteWriter.ts';
import { startCheckpointer } from './sqliteCheckpointer.ts';
import type { Storage } from './types.ts';

export interface OpenStorageOptions {
  /** PostgreSQL pool size (8 measured best on 2 cores; TOOLCHAIN.md). */
  pgPoolSize?: number;
}

/**
 * Batches committing at once on PostgreSQL, whatever the pool size (the rest of the pool serves reads).
 * Fewer, larger batches cost less CPU per report on both sides; measured with wrk -c100 here, 2 in flight
 * against 6: Node ~52–67 vs ~63–85 µs and PostgreSQL ~50 vs ~74 µs per report, at equal or better req/s.
 */
const PG_COMMITS_IN_FLIGHT = 2;

const INT8_OID = 20;
const NUMERIC_OID = 1700;
// Counts and sums fit comfortably in a double; pg returns int8/numeric as strings otherwise.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openStorage(
  databaseUrl: string,
  clock: Clock = systemClock,
  options: OpenStorageOptions = {},
): Promise<Storage> {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(databaseUrl.slice('sqlite:'.length), clock);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgres(databaseUrl, clock, options.pgPoolSize ?? 8);
  throw new Error(`DATABASE_URL must be sqlite:PATH or postgres://…, got "${databaseUrl}"`);
}

async function openSqlite(path: string, clock: Clock): Promise<Storage> {
  if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/downwatch.db');
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const { database, db } = openSqliteConnection(inMemory ? path : resolve(path));
  await migrate(db);
  // Writes use the same connection, on the event loop (sqliteWriter.ts says why).
  let writer;
  try {
    writer = openSqliteWriter(database, db, clock.now(), inMemory ? null : resolve(path));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const checkpointer = inMemory ? undefined : startCheckpointer(resolve(path));
  return new SqlStorage(db, {
    dialect: 'sqlite', description: `SQLite ${inMemory ? 'in memory' : resolve(path)}`, maxConcurrentCommits: 1, clock,
    writer,
    afterClose: async () => {
      await writer.close();
      await checkpointer?.close();
    },
  });
}

async function openPostgres(databaseUrl: string, clock: Clock, poolSize: number): Promise<Storage> {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`DATABASE_URL schema must be a plain lowercase identifier, got "${schema}"`);
  url.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: poolSize,
    types: pgTypes,
    // enable_nestloop=off: the batch statement's joins (postgresBatchWriter.ts) are estimated at 1 row, so
    // PostgreSQL chose nested loops over 50 × 50 rows; as hash joins its CPU per report fell ~28 → ~24 µs
    // (400 batches of 50 replayed on one connection). Harmless for the rest: every other query here is a
    // range scan on one table, without joins.
    options: `-c search_path=${schema} -c enable_nestloop=off`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await ensureSchema(pool, schema);
    await migrate(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  url.password = '';
  return new SqlStorage(db, {
    dialect: 'postgres', description: `PostgreSQL ${url.host}${url.pathname} schema ${schema}`,
    maxConcurrentCommits: Math.max(1, Math.min(PG_COMMITS_IN_FLIGHT, poolSize - 2)), clock, pgPool: pool,
  });
}

async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two processes creating it at once: one wins with a unique violation, which is fine.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(schema === undefined ? 'sqlite' : 'postgres'),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
}
