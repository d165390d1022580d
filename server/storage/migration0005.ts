// 0005: the incident history (docs/incidents.md), kept 90 days. One row per
// incident, keyed by (service, start_minute): every server process that sees
// an incident computes the same start from the same counts, so recording it
// is an upsert and several processes on one PostgreSQL write one row
// (incidentQueries.ts). Like every key here it starts with the service
// (tables can be distributed by service). The table holds a few rows per
// service over 90 days: its reads and pruning scan it whole, and it needs no
// other index.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function incidentHistory(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      let table = db.schema
        .createTable('incidents')
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('start_minute', 'integer', (c) => c.notNull())
        // Null while the incident is open.
        .addColumn('end_minute', 'integer')
        .addColumn('peak', 'integer', (c) => c.notNull())
        .addColumn('peak_minute', 'integer', (c) => c.notNull())
        .addColumn('peak_level', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incidents_pk', ['service', 'start_minute']);
      if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
      await table.execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('incidents').execute();
    },
  };
}
