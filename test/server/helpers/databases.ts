// Test databases: a fresh SQLite file, and a fresh schema on the real
// PostgreSQL (TEST_DATABASE_URL). When PostgreSQL is unreachable its tests are
// skipped with a clear message, except under CI=true, where they must fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const CI = process.env.CI === 'true';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

let reachable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else why not. */
export function postgresProblem(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${TEST_PG_URL} is unreachable (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'downwatch-test-'));
  return { kind: 'sqlite', url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new, empty schema on the test PostgreSQL, dropped by drop(). */
export function postgresDatabase(label: string): TestDatabase {
  const schema = `t_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('schema', schema);
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/**
 * The database kinds a suite runs against, with a skip reason for PostgreSQL
 * when it is unreachable locally. Under CI=true an unreachable PostgreSQL is
 * not skipped: its suite runs and fails on connect.
 */
export async function databaseKinds(): Promise<Array<{ kind: 'sqlite' | 'postgres'; skip: string | null }>> {
  const problem = await postgresProblem();
  if (problem && !CI) console.warn(`SKIPPING PostgreSQL server tests: ${problem}. Set CI=true to make this a failure.`);
  return [
    { kind: 'sqlite', skip: null },
    { kind: 'postgres', skip: problem && !CI ? problem : null },
  ];
}

export function makeDatabase(kind: 'sqlite' | 'postgres', label: string): TestDatabase {
  return kind === 'sqlite' ? sqliteDatabase() : postgresDatabase(label);
}

/** Rows in a table, read straight from the database (for checks the API cannot make, like retention). */
export async function countRows(db: TestDatabase, table: string): Promise<number> {
  if (db.kind === 'sqlite') {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const handle = new BetterSqlite3(db.url.slice('sqlite:'.length), { readonly: true });
    try {
      return (handle.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      handle.close();
    }
  }
  const url = new URL(db.url);
  const schema = url.searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    const result = await client.query(`select count(*)::int as n from "${schema}"."${table}"`);
    return result.rows[0].n as number;
  } finally {
    await client.end();
  }
}
