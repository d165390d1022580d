// 0006: evidence per network (docs/privacy-and-trust.md).
// `network_totals` holds, per service and arrival window, how many distinct
// sending networks added a counted report: the levels' network floor and the
// listing of domains outside the catalog read it. PostgreSQL also keeps
// `network_windows`, each network's counted reports per service and window,
// which enforces LIMITS.networkReportsPerWindow across server processes;
// SQLite's one writer keeps that in memory (sqlite/recentKeys.ts). A network
// is its daily keyed hash (net/networkHasher.ts), never an address. Keys
// start with the window, so pruning and reads are range scans.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from './migrations.ts';

export function networkEvidence(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      let totals = db.schema
        .createTable('network_totals')
        .addColumn('window_start', 'integer', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('networks', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('network_totals_pk', ['window_start', 'service']);
      if (dialect === 'sqlite') totals = totals.modifyEnd(sql`without rowid`);
      await totals.execute();
      if (dialect === 'postgres') {
        await db.schema
          .createTable('network_windows')
          .addColumn('window_start', 'integer', (c) => c.notNull())
          .addColumn('service', 'text', (c) => c.notNull())
          .addColumn('network', 'text', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('network_windows_pk', ['window_start', 'service', 'network'])
          .execute();
      }
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('network_windows').ifExists().execute();
      await db.schema.dropTable('network_totals').execute();
    },
  };
}

