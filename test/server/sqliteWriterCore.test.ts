// The SQLite writer core against a real (in-memory) database: statuses within
// and across batches, multi-row writes, and a failed commit that must leave the
// in-memory index exactly as the database is.
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../server/storage/migrations.ts';
import { openSqliteConnection } from '../../server/storage/sqliteConnection.ts';
import { sqliteWriteSql } from '../../server/storage/sqliteStatements.ts';
import { createSqliteWriter } from '../../server/storage/sqliteWriterCore.mjs';
import type { IngestReport } from '../../server/storage/types.ts';

const MINUTE = 29_000_010;
const NOW = MINUTE * 60_000;
const uuid = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const report = (n: number, extra: Partial<IngestReport> = {}): IngestReport => ({
  id: uuid(n), service: `svc-${n % 7}.com`, problem: 'feed', source: 'auto', signals: 1, minute: MINUTE,
  client: `client-${String(n).padStart(12, '0')}`, country: 'US', ...extra,
});

async function openWriter() {
  const { database, db } = openSqliteConnection(':memory:');
  expect((await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateToLatest()).error).toBeUndefined();
  return { db, writer: createSqliteWriter(database, sqliteWriteSql(db), NOW) };
}

describe('SQLite writer core', () => {
  it('stores 40 new reports over 7 services in one commit, more than one multi-row insert holds', async () => {
    const { db, writer } = await openWriter();
    const batch = Array.from({ length: 40 }, (_, i) => report(i));
    expect(writer.commit(batch, NOW)).toEqual(batch.map(() => 'counted'));
    expect(await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 40 });
    const totals = await db.selectFrom('minute_totals').select(['service', 'count']).orderBy('service').execute();
    expect(totals).toEqual(Array.from({ length: 7 }, (_, s) => ({ service: `svc-${s}.com`, count: s < 5 ? 6 : 5 })));
    await db.destroy();
  });

  it('decides within a batch and across batches of one group', async () => {
    const { db, writer } = await openWriter();
    const a = report(1);
    const sameId = { ...a };
    const sameClient = report(2, { service: a.service, client: a.client });
    expect(writer.commitGroup([
      { reports: [a, sameId], receivedAt: NOW },
      { reports: [sameClient, report(3)], receivedAt: NOW + 1000 },
    ])).toEqual([['counted', 'duplicate'], ['suppressed', 'counted']]);
    // The suppressed report is stored (its id is now a duplicate), and only counted ones are counted.
    expect(writer.commit([sameClient], NOW)).toEqual(['duplicate']);
    expect(await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 3 });
    await db.destroy();
  });

  it('takes back what a failed commit entered in the index, so the same reports count when retried', async () => {
    const { db, writer } = await openWriter();
    const good = [report(1), report(2, { client: report(1).client, service: report(1).service })];
    // A NOT NULL column given null makes SQLite fail the transaction after the index was updated.
    const broken = { ...report(3), problem: null } as unknown as IngestReport;
    expect(() => writer.commit([...good, broken], NOW)).toThrow(/NOT NULL/);
    expect(writer.recentKeys).toEqual({ ids: 0, claims: 0 });
    expect(writer.commit(good, NOW)).toEqual(['counted', 'suppressed']);
    expect(writer.recentKeys).toEqual({ ids: 2, claims: 1 });
    await db.destroy();
  });
});
