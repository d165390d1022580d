// 0003 (SQLite only): reports become an append-only log and the suppression
// table goes. The single writer decides dedupe and suppression from its
// in-memory index of the last day's keys, rebuilt from these rows at start
// (sqlite/recentKeys.ts); the unique B-trees on (service, id) and (window, service,
// client) cost two random page writes per report (bench/sqlite-writer.ts).
// PostgreSQL keeps both unique keys: several processes write there at once.
// `reports` is rebuilt by copying its rows, in one transaction.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const COLUMNS = 'service, id, client, problem, source, signals, country, minute, received_minute';

export const appendOnlySqliteReports: Migration = {
  async up(db: Kysely<any>) {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('reports_0003')
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('signals', 'integer', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('minute', 'integer', (c) => c.notNull())
        .addColumn('received_minute', 'integer', (c) => c.notNull())
        .execute();
      // Oldest first, so the rebuilt index meets ids in the order they were received.
      await sql`insert into reports_0003 (${sql.raw(COLUMNS)}) select ${sql.raw(COLUMNS)} from reports order by received_minute, rowid`
        .execute(trx);
      await trx.schema.dropTable('reports').execute();
      await trx.schema.alterTable('reports_0003').renameTo('reports').execute();
      await trx.schema.createIndex('reports_received_minute').on('reports').column('received_minute').execute();
      await trx.schema.dropTable('suppression').execute();
    });
  },
};
