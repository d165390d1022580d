// Migration 0002 rebuilds SQLite's suppression, counters and minute_totals
// tables with new keys: a database written under 0001 must keep every row,
// and ingest on it must still dedupe, suppress and add to the copied counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../server/storage/migrations.ts';
import { openSqliteConnection } from '../../server/storage/sqliteConnection.ts';
import { sqliteWriteSql } from '../../server/storage/sqliteStatements.ts';
import { createSqliteWriter } from '../../server/storage/sqliteWriterCore.mjs';
import type { IngestReport } from '../../server/storage/types.ts';

const MINUTE = 29_000_000;
const base: IngestReport = {
  id: '00000000-0000-4000-a000-000000000001', service: 'a.com', problem: 'feed', source: 'auto', signals: 3,
  minute: MINUTE, client: 'client-aaaaaaaaaaaa', country: 'US',
};

describe('SQLite migration 0002 (minute-first keys)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'downwatch-migration-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every 0001 row, then dedupes, suppresses and adds to the copied counts', async () => {
    const { database, db } = openSqliteConnection(join(dir, 'old.db'));
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    // Written under 0001: one counted report, in two services' minutes.
    createSqliteWriter(database, sqliteWriteSql(db)).commit([base, { ...base, service: 'b.com' }], MINUTE * 60_000);
    const before = await sql<{ n: number }>`select (select count(*) from reports) * 1000 + (select count(*) from suppression) * 100
      + (select sum(count) from counters) * 10 + (select sum(count) from minute_totals) as n`.execute(db);
    expect(before.rows[0]?.n).toBe(2222);

    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toEqual(['0002_sqlite_minute_first_keys']);
    expect(await db.selectFrom('suppression').selectAll().orderBy('service').execute()).toEqual([
      { service: 'a.com', client: base.client, window_start: MINUTE - (MINUTE % 15) },
      { service: 'b.com', client: base.client, window_start: MINUTE - (MINUTE % 15) },
    ]);
    expect(await db.selectFrom('minute_totals').selectAll().orderBy('service').execute()).toEqual([
      { service: 'a.com', minute: MINUTE, count: 1 }, { service: 'b.com', minute: MINUTE, count: 1 },
    ]);

    // Statements are prepared against the rebuilt tables: their upsert targets must match the new keys.
    const writer = createSqliteWriter(database, sqliteWriteSql(db));
    const again = { ...base, id: '00000000-0000-4000-a000-000000000002' };
    const otherClient = { ...again, id: '00000000-0000-4000-a000-000000000003', client: 'client-bbbbbbbbbbbb' };
    expect(writer.commit([base, again, otherClient], MINUTE * 60_000)).toEqual(['duplicate', 'suppressed', 'counted']);
    expect(await db.selectFrom('counters').select(['service', 'count']).where('minute', '=', MINUTE).orderBy('service').execute())
      .toEqual([{ service: 'a.com', count: 2 }, { service: 'b.com', count: 1 }]);
    expect(await db.selectFrom('minute_totals').select('count').where('service', '=', 'a.com').executeTakeFirst()).toEqual({ count: 2 });
    // Pruning by window start and by minute still works on the new keys.
    expect(writer.prune({ reports: MINUTE + 1, suppression: MINUTE + 15, counters: MINUTE + 1 }))
      .toEqual({ reports: 4, suppressions: 3, counters: 2 });
    await db.destroy();
  });
});
