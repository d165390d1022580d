// The SQLite writer against a real (in-memory) database: statuses within
// and across batches, multi-row writes, and a failed commit that must leave the
// in-memory index exactly as the database is.
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../server/storage/migrations.ts';
import { openSqliteConnection } from '../../server/storage/sqlite/connection.ts';
import { sqliteWriteSql } from '../../server/storage/sqlite/statements.ts';
import { SqliteWriter } from '../../server/storage/sqlite/writer.ts';
import type { IngestReport } from '../../server/storage/types.ts';

const MINUTE = 29_000_010;
const NOW = MINUTE * 60_000;
const uuid = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const report = (n: number, extra: Partial<IngestReport> = {}): IngestReport => ({
  id: uuid(n), service: `svc-${n % 7}.com`, problem: 'feed', source: 'auto', signals: 1, minute: MINUTE,
  client: `client-${String(n).padStart(12, '0')}`, country: 'US', network: `net-${n}`, ...extra,
});

async function openWriter() {
  const { database, db } = openSqliteConnection(':memory:');
  expect((await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateToLatest()).error).toBeUndefined();
  return { db, writer: new SqliteWriter(database, sqliteWriteSql(db), NOW) };
}

describe('SQLite writer', () => {
  it('stores 40 new reports over 7 services in one commit, more than one multi-row insert holds', async () => {
    const { db, writer } = await openWriter();
    const batch = Array.from({ length: 40 }, (_, i) => report(i));
    expect(writer.commit(batch, NOW)).toEqual(batch.map(() => 'counted'));
    expect(await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 40 });
    const totals = await db.selectFrom('minute_totals').select(['service', 'count']).orderBy('service').execute();
    expect(totals).toEqual(Array.from({ length: 7 }, (_, s) => ({ service: `svc-${s}.com`, count: s < 5 ? 6 : 5 })));
    await db.destroy();
  });

  it('decides within a batch (a later report sees an earlier one) and across batches', async () => {
    const { db, writer } = await openWriter();
    const a = report(1);
    const sameId = { ...a };
    const sameClient = report(2, { service: a.service, client: a.client });
    expect(writer.commit([a, sameId, sameClient, report(3)], NOW)).toEqual(['counted', 'duplicate', 'suppressed', 'counted']);
    // The suppressed report is stored (its id is now a duplicate), and only counted ones are counted.
    expect(writer.commit([sameClient, report(4, { service: a.service, client: a.client })], NOW + 1000)).toEqual(['duplicate', 'suppressed']);
    expect(await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 4 });
    expect(await db.selectFrom('minute_totals').select((eb) => eb.fn.sum<number>('count').as('n')).executeTakeFirst()).toEqual({ n: 2 });
    await db.destroy();
  });

  it('takes back what a failed commit entered in the index, so the same reports count when retried', async () => {
    const { db, writer } = await openWriter();
    const good = [report(1), report(2, { client: report(1).client, service: report(1).service })];
    // A NOT NULL column given null makes SQLite fail the transaction after the index was updated.
    const broken = { ...report(3), problem: null } as unknown as IngestReport;
    expect(() => writer.commit([...good, broken], NOW)).toThrow(/NOT NULL/);
    expect(writer.recentKeys).toEqual({ ids: 0, claims: 0, networkSlots: 0 });
    expect(writer.commit(good, NOW)).toEqual(['counted', 'suppressed']);
    expect(writer.recentKeys).toEqual({ ids: 2, claims: 1, networkSlots: 1 });
    await db.destroy();
  });
});

describe('counter aggregation', () => {
  it('sums rows into one cell per key and one total per service and minute, in key order when asked', async () => {
    const { sortedCounts, sumCounts } = await import('../../server/storage/counterCells.ts');
    const row = { service: 'b.com', minute: 10, problem: 'feed', country: 'US', source: 'auto', signals: 3 } as const;
    const summed = sumCounts([
      row, row, { ...row, count: 5 }, { ...row, country: '' }, { ...row, signals: 1 }, { ...row, minute: 9 }, { ...row, service: 'a.com' },
    ]);
    expect(summed.cells.map((c) => [c.service, c.minute, c.country, c.signals, c.count])).toEqual([
      ['b.com', 10, 'US', 3, 7], ['b.com', 10, '', 3, 1], ['b.com', 10, 'US', 1, 1], ['b.com', 9, 'US', 3, 1], ['a.com', 10, 'US', 3, 1],
    ]);
    expect(summed.totals).toEqual([{ service: 'b.com', minute: 10, count: 9 }, { service: 'b.com', minute: 9, count: 1 }, { service: 'a.com', minute: 10, count: 1 }]);
    const sorted = sortedCounts(summed);
    expect(sorted.cells.map((c) => [c.service, c.minute, c.country, c.signals])).toEqual([
      ['a.com', 10, 'US', 3], ['b.com', 9, 'US', 3], ['b.com', 10, '', 3], ['b.com', 10, 'US', 1], ['b.com', 10, 'US', 3],
    ]);
    expect(sorted.totals.map((t) => [t.service, t.minute])).toEqual([['a.com', 10], ['b.com', 9], ['b.com', 10]]);
  });
});
