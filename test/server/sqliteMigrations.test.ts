// SQLite migrations 0002 (minute-first keys) and 0003 (append-only reports,
// claims in the writer's memory): a database written under 0001 keeps every
// row, and ingest on it still dedupes and suppresses against those rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../server/storage/migrations.ts';
import { pruneCutoffs } from '../../server/storage/prune.ts';
import { openSqliteConnection } from '../../server/storage/sqlite/connection.ts';
import { sqliteWriteSql } from '../../server/storage/sqlite/statements.ts';
import { SqliteWriter } from '../../server/storage/sqlite/writer.ts';
import type { IngestReport } from '../../server/storage/types.ts';

const MINUTE = 29_000_000;
const NOW = MINUTE * 60_000;
const base: IngestReport = {
  id: '00000000-0000-4000-a000-000000000001', service: 'a.com', problem: 'feed', source: 'auto', signals: 3,
  minute: MINUTE, client: 'client-aaaaaaaaaaaa', country: 'US', network: 'net-a',
};

describe('SQLite migrations 0002 and 0003', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'downwatch-migration-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every 0001 row, then dedupes, suppresses and adds to the copied counts', async () => {
    const { database, db } = openSqliteConnection(join(dir, 'old.db'));
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    // Written as the 0001 server wrote it: one counted report in each of two services.
    for (const service of ['a.com', 'b.com']) {
      await sql`insert into reports values (${service}, ${base.id}, ${base.client}, 'feed', 'auto', 3, 'US', ${MINUTE}, ${MINUTE})`.execute(db);
      await sql`insert into suppression values (${service}, ${base.client}, ${MINUTE - (MINUTE % 15)})`.execute(db);
      await sql`insert into counters values (${service}, ${MINUTE}, 'feed', 'US', 'auto', 3, 1)`.execute(db);
      await sql`insert into minute_totals values (${service}, ${MINUTE}, 1)`.execute(db);
    }

    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    // Later migrations run too; 0002 and 0003 are the ones under test here.
    expect(results?.map((r) => r.migrationName).slice(0, 3)).toEqual(['0002_sqlite_minute_first_keys', '0003_sqlite_append_only_reports', '0004_postgres_minute_first_keys']);
    expect(results?.map((r) => r.migrationName)).toContain('0006_network_evidence');
    expect(await db.selectFrom('reports').select(['service', 'id', 'client', 'minute']).orderBy('service').execute()).toEqual([
      { service: 'a.com', id: base.id, client: base.client, minute: MINUTE },
      { service: 'b.com', id: base.id, client: base.client, minute: MINUTE },
    ]);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).not.toContain('suppression');
    expect(await db.selectFrom('minute_totals').selectAll().orderBy('service').execute()).toEqual([
      { service: 'a.com', minute: MINUTE, count: 1 }, { service: 'b.com', minute: MINUTE, count: 1 },
    ]);

    // The writer rebuilds its keys from the copied rows: the old id is a duplicate, the old claim holds.
    const writer = new SqliteWriter(database, sqliteWriteSql(db), NOW);
    expect(writer.recentKeys).toEqual({ ids: 2, claims: 2, networkSlots: 0 });
    const again = { ...base, id: '00000000-0000-4000-a000-000000000002' };
    const otherClient = { ...again, id: '00000000-0000-4000-a000-000000000003', client: 'client-bbbbbbbbbbbb' };
    expect(writer.commit([base, again, otherClient], NOW)).toEqual(['duplicate', 'suppressed', 'counted']);
    expect(await db.selectFrom('counters').select(['service', 'count']).where('minute', '=', MINUTE).orderBy('service').execute())
      .toEqual([{ service: 'a.com', count: 2 }, { service: 'b.com', count: 1 }]);
    expect(await db.selectFrom('minute_totals').select('count').where('service', '=', 'a.com').executeTakeFirst()).toEqual({ count: 2 });
    // Eight days on: every raw report and every claim is past its retention.
    expect(writer.prune(pruneCutoffs(NOW + 8 * 86_400_000))).toEqual({ reports: 4, suppressions: 3, counters: 0 });
    await db.destroy();
  });

  it('a writer opened on the same file after a restart decides exactly as the one before it', async () => {
    const path = join(dir, 'restart.db');
    const first = openSqliteConnection(path);
    expect((await new Migrator({ db: first.db, provider: migrationProvider('sqlite') }).migrateToLatest()).error).toBeUndefined();
    const writer = new SqliteWriter(first.database, sqliteWriteSql(first.db), NOW);
    // A late report (naming a minute 20 hours back) from the same client arrives in the same window: suppressed.
    const late = { ...base, id: '00000000-0000-4000-a000-00000000000a', minute: MINUTE - 20 * 60 };
    const otherClient = { ...late, id: '00000000-0000-4000-a000-00000000000d', client: 'client-dddddddddddd' };
    expect(writer.commit([base, late, otherClient], NOW)).toEqual(['counted', 'suppressed', 'counted']);
    await first.db.destroy();

    const second = openSqliteConnection(path);
    // Five minutes later, in the same arrival window: every id and both claims are rebuilt.
    const reopened = new SqliteWriter(second.database, sqliteWriteSql(second.db), NOW + 5 * 60_000);
    expect(reopened.recentKeys).toEqual({ ids: 3, claims: 2, networkSlots: 0 });
    const sameClient = { ...base, id: '00000000-0000-4000-a000-00000000000b' };
    const lateAgain = { ...otherClient, id: '00000000-0000-4000-a000-00000000000c' };
    expect(reopened.commit([base, late, sameClient, lateAgain], NOW + 5 * 60_000))
      .toEqual(['duplicate', 'duplicate', 'suppressed', 'suppressed']);
    // Two hours later the window is over: the ids are still kept (a report may name a day back), no claim is.
    const later = new SqliteWriter(second.database, sqliteWriteSql(second.db), NOW + 2 * 3_600_000);
    expect(later.recentKeys).toMatchObject({ ids: 5, claims: 0 });
    expect(later.commit([late, { ...sameClient, id: '00000000-0000-4000-a000-00000000000e' }], NOW + 2 * 3_600_000))
      .toEqual(['duplicate', 'counted']);
    await second.db.destroy();
  });
});
