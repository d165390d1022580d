// SQLite's batch write logic, in plain JavaScript so that the writer worker
// thread can load it without a TypeScript loader (Node 20 applies no
// `--import` loader to a worker's entry). Types: sqliteWriterCore.d.mts.
// Each statement is prepared once and run row by row in one transaction, in
// request order: round trips cost nothing in-process, while multi-row SQL
// built per batch had to be prepared again for every batch size.
const WINDOW_MINUTES = 15;

export function createSqliteWriter(database, sql) {
  const insertReport = database.prepare(sql.insertReport);
  const insertClaim = database.prepare(sql.insertClaim);
  const addCounter = database.prepare(sql.addCounter);
  const addTotal = database.prepare(sql.addTotal);
  const prune = [sql.pruneReports, sql.pruneSuppression, sql.pruneCounters, sql.pruneTotals].map((text) => database.prepare(text));

  /** One upsert per distinct cell and minute total (a surge is mostly one cell). */
  function count(rows) {
    const cells = new Map();
    const totals = new Map();
    for (const r of rows) {
      const cellKey = `${r.service}\n${r.minute}\n${r.problem}\n${r.country}\n${r.source}\n${r.signals}`;
      const cell = cells.get(cellKey);
      if (cell) cell[6] += r.count;
      else cells.set(cellKey, [r.service, r.minute, r.problem, r.country, r.source, r.signals, r.count]);
      const totalKey = `${r.service}\n${r.minute}`;
      const total = totals.get(totalKey);
      if (total) total[2] += r.count;
      else totals.set(totalKey, [r.service, r.minute, r.count]);
    }
    for (const cell of cells.values()) addCounter.run(cell);
    for (const total of totals.values()) addTotal.run(total);
  }

  const commit = database.transaction((reports, receivedMinute) => {
    const counted = [];
    const statuses = reports.map((r) => {
      const row = [r.service, r.id, r.client, r.problem, r.source, r.signals, r.country, r.minute, receivedMinute];
      if (insertReport.run(row).changes === 0) return 'duplicate';
      if (insertClaim.run([r.service, r.client, r.minute - (r.minute % WINDOW_MINUTES)]).changes === 0) return 'suppressed';
      counted.push({ ...r, count: 1 });
      return 'counted';
    });
    count(counted);
    return statuses;
  });

  const addCounts = database.transaction((rows) => count(rows));

  return {
    commit: (reports, receivedAt) => commit(reports, Math.floor(receivedAt / 60_000)),
    addCounts: (rows) => addCounts(rows),
    /** Deletes rows older than the given epoch minutes (computed from RETENTION by the caller). */
    prune(cutoffs) {
      const [reports, suppression, counters, totals] = prune;
      const result = {
        reports: reports.run(cutoffs.reports).changes,
        suppressions: suppression.run(cutoffs.suppression).changes,
        counters: counters.run(cutoffs.counters).changes,
      };
      totals.run(cutoffs.counters);
      return result;
    },
  };
}
