// The SQL of SQLite's write path, built once by the typed query builder and
// handed (as text) to the writer, which prepares it once. Parameter order is
// the key order of the row builders below, which the writer follows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface SqliteWriteSql {
  /** (service, id, client, problem, source, signals, country, minute, received_minute) */
  insertReport: string;
  /** (received minute cutoff): rows the recent-key index is rebuilt from, oldest first */
  recentReports: string;
  /** (service, minute, problem, country, source, signals, count) */
  addCounter: string;
  /** (service, minute, count) */
  addTotal: string;
  /** (window_start, service, networks) */
  addNetworkTotal: string;
  /** (minute cutoff) each */
  pruneReports: string;
  pruneCounters: string;
  pruneTotals: string;
  pruneNetworkTotals: string;
}

export function sqliteWriteSql(db: Kysely<Database>): SqliteWriteSql {
  return {
    insertReport: db.insertInto('reports')
      .values({ service: '', id: '', client: '', problem: '', source: '', signals: 0, country: '', minute: 0, received_minute: 0 })
      .compile().sql,
    recentReports: db.selectFrom('reports').select(['service', 'id', 'client', 'minute', 'received_minute'])
      .where('received_minute', '>=', 0).orderBy('received_minute').orderBy(sql`rowid`).compile().sql,
    addCounter: db.insertInto('counters')
      .values({ service: '', minute: 0, problem: '', country: '', source: '', signals: 0, count: 0 })
      .onConflict((oc) => oc.columns(['service', 'minute', 'problem', 'country', 'source', 'signals'])
        .doUpdateSet((eb) => ({ count: eb('counters.count', '+', eb.ref('excluded.count')) }))).compile().sql,
    addTotal: db.insertInto('minute_totals').values({ service: '', minute: 0, count: 0 })
      .onConflict((oc) => oc.columns(['service', 'minute'])
        .doUpdateSet((eb) => ({ count: eb('minute_totals.count', '+', eb.ref('excluded.count')) }))).compile().sql,
    addNetworkTotal: db.insertInto('network_totals').values({ window_start: 0, service: '', networks: 0 })
      .onConflict((oc) => oc.columns(['window_start', 'service'])
        .doUpdateSet((eb) => ({ networks: eb('network_totals.networks', '+', eb.ref('excluded.networks')) }))).compile().sql,
    pruneReports: db.deleteFrom('reports').where('received_minute', '<', 0).compile().sql,
    pruneCounters: db.deleteFrom('counters').where('minute', '<', 0).compile().sql,
    pruneTotals: db.deleteFrom('minute_totals').where('minute', '<', 0).compile().sql,
    pruneNetworkTotals: db.deleteFrom('network_totals').where('window_start', '<', 0).compile().sql,
  };
}
