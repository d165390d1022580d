// PostgreSQL migration 0004 rebuilds the suppression, counters and
// minute_totals keys: a schema written before it keeps every row, and ingest
// on it still dedupes, suppresses and adds to the copied counts.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from '../../server/storage/migrations.ts';
import { openStorage } from '../../server/storage/open.ts';
import { CI, postgresDatabase, postgresProblem } from './helpers/databases.ts';

const problem = await postgresProblem();
const skip = problem && !CI ? problem : null;
if (skip) console.warn(`SKIPPING the PostgreSQL migration test: ${skip}. Set CI=true to make this a failure.`);

const MINUTE = 29_000_010;
const CLIENT = 'client-aaaaaaaaaaaa';
const id = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

describe.skipIf(!!skip)('PostgreSQL migration 0004', () => {
  it('keeps every earlier row, then dedupes, suppresses and adds to the copied counts', async () => {
    const database = postgresDatabase('migration');
    const url = new URL(database.url);
    const schema = url.searchParams.get('schema')!;
    url.searchParams.delete('schema');
    const pool = new pg.Pool({ connectionString: url.toString(), options: `-c search_path=${schema}` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      const migrator = new Migrator({ db, provider: migrationProvider('postgres'), migrationTableSchema: schema });
      expect((await migrator.migrateTo('0003_sqlite_append_only_reports')).error).toBeUndefined();
      await sql`insert into reports values ('x', ${id(1)}, ${CLIENT}, 'feed', 'auto', 1, 'US', ${MINUTE}, ${MINUTE})`.execute(db);
      await sql`insert into suppression values ('x', ${CLIENT}, ${MINUTE})`.execute(db);
      await sql`insert into counters values ('x', ${MINUTE}, 'feed', 'US', 'auto', 1, 1)`.execute(db);
      await sql`insert into minute_totals values ('x', ${MINUTE}, 1)`.execute(db);

      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      // Later migrations run too; 0004 is the one under test here.
      expect(results?.map((r) => r.migrationName)[0]).toBe('0004_postgres_minute_first_keys');
      expect(results?.map((r) => r.migrationName)).toContain('0006_network_evidence');
      const keys = await sql<{ table: string; key: string }>`
        select t.relname as table, pg_get_indexdef(i.indexrelid) as key from pg_index i
        join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ${schema} and t.relname in ('counters', 'minute_totals', 'reports', 'suppression') order by 1, 2`.execute(db);
      expect(keys.rows.map((r) => [r.table, /USING (\w+) \((.*)\)/.exec(r.key)!.slice(1).join(' ')])).toEqual([
        ['counters', 'btree minute, service, problem, country, source, signals'],
        ['minute_totals', 'btree minute, service'],
        ['reports', 'brin received_minute'],
        ['reports', 'btree service, id'],
        ['suppression', 'btree window_start, service, client'],
      ]);
    } finally {
      await db.destroy();
    }

    const storage = await openStorage(database.url);
    try {
      const base = { service: 'x', problem: 'feed', source: 'auto', signals: 1, minute: MINUTE, country: 'US', network: 'net-a' } as const;
      expect(await storage.commitReports([
        { ...base, id: id(1), client: CLIENT },
        { ...base, id: id(2), client: CLIENT },
        { ...base, id: id(3), client: 'client-bbbbbbbbbbbb' },
      ], MINUTE * 60_000)).toEqual(['duplicate', 'suppressed', 'counted']);
      expect(await storage.minuteTotals(MINUTE, MINUTE + 1)).toEqual([{ service: 'x', minute: MINUTE, count: 2 }]);
    } finally {
      await storage.close();
      await database.drop();
    }
  });
});
