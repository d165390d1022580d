// The SQLite write path of a batch. SQLite runs in-process, so round trips
// cost nothing and re-preparing multi-row SQL for every batch size dominated
// the commit (measured: ~130 µs per report). Here each statement is built
// once by the typed query builder, prepared once, and run row by row inside
// one transaction, in request order.
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { CommitStatus, CounterRow, IngestReport } from './types.ts';

const WINDOW_MINUTES = 15;

// Row builders: their key order is the parameter order of the compiled statements.
const reportRow = (r: IngestReport, receivedMinute: number) => ({
  service: r.service, id: r.id, client: r.client, problem: r.problem, source: r.source,
  signals: r.signals, country: r.country, minute: r.minute, received_minute: receivedMinute,
});
const claimRow = (r: IngestReport) => ({ service: r.service, client: r.client, window_start: r.minute - (r.minute % WINDOW_MINUTES) });
const counterRow = (r: CounterRow) => ({
  service: r.service, minute: r.minute, problem: r.problem, country: r.country, source: r.source, signals: r.signals, count: r.count,
});
const totalRow = (r: { service: string; minute: number; count: number }) => ({ service: r.service, minute: r.minute, count: r.count });

const SAMPLE: IngestReport = { id: '', service: '', problem: 'other', source: 'manual', signals: 0, minute: 0, client: '', country: '' };

export interface SqliteBatchWriter {
  commit(reports: readonly IngestReport[], receivedAt: number): CommitStatus[];
  addCounts(rows: readonly CounterRow[]): void;
}

export function sqliteBatchWriter(database: BetterSqlite3.Database, db: Kysely<Database>): SqliteBatchWriter {
  const prepare = (query: { compile(): { sql: string } }) => database.prepare(query.compile().sql);
  const insertReport = prepare(
    db.insertInto('reports').values(reportRow(SAMPLE, 0)).onConflict((oc) => oc.columns(['service', 'id']).doNothing()),
  );
  const insertClaim = prepare(
    db.insertInto('suppression').values(claimRow(SAMPLE)).onConflict((oc) => oc.columns(['service', 'client', 'window_start']).doNothing()),
  );
  const addCounter = prepare(
    db.insertInto('counters').values(counterRow({ ...SAMPLE, count: 0 })).onConflict((oc) =>
      oc.columns(['service', 'minute', 'problem', 'country', 'source', 'signals'])
        .doUpdateSet((eb) => ({ count: eb('counters.count', '+', eb.ref('excluded.count')) }))),
  );
  const addTotal = prepare(
    db.insertInto('minute_totals').values(totalRow({ service: '', minute: 0, count: 0 })).onConflict((oc) =>
      oc.columns(['service', 'minute']).doUpdateSet((eb) => ({ count: eb('minute_totals.count', '+', eb.ref('excluded.count')) }))),
  );

  /** Adds rows to the counters and minute totals, one upsert per distinct cell (a surge is mostly one cell). */
  const count = (rows: readonly CounterRow[]) => {
    const cells = new Map<string, CounterRow>();
    const totals = new Map<string, { service: string; minute: number; count: number }>();
    for (const row of rows) {
      const cellKey = `${row.service}\n${row.minute}\n${row.problem}\n${row.country}\n${row.source}\n${row.signals}`;
      const cell = cells.get(cellKey);
      if (cell) cell.count += row.count;
      else cells.set(cellKey, counterRow(row));
      const totalKey = `${row.service}\n${row.minute}`;
      const total = totals.get(totalKey);
      if (total) total.count += row.count;
      else totals.set(totalKey, totalRow(row));
    }
    for (const cell of cells.values()) addCounter.run(Object.values(cell));
    for (const total of totals.values()) addTotal.run(Object.values(total));
  };

  const commit = database.transaction((reports: readonly IngestReport[], receivedMinute: number): CommitStatus[] => {
    const counted: CounterRow[] = [];
    const statuses = reports.map((r): CommitStatus => {
      if (insertReport.run(Object.values(reportRow(r, receivedMinute))).changes === 0) return 'duplicate';
      if (insertClaim.run(Object.values(claimRow(r))).changes === 0) return 'suppressed';
      counted.push({ ...r, count: 1 });
      return 'counted';
    });
    count(counted);
    return statuses;
  });

  const addCounts = database.transaction((rows: readonly CounterRow[]) => count(rows));

  return {
    commit: (reports, receivedAt) => commit(reports, Math.floor(receivedAt / 60_000)),
    addCounts: (rows) => addCounts(rows),
  };
}
