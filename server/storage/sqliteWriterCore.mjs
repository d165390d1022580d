// SQLite's batch write logic, in plain JavaScript so that the writer worker
// thread can load it without a TypeScript loader (Node 20 applies no
// `--import` loader to a worker's entry). Types: sqliteWriterCore.d.mts.
// Each statement is prepared once and run row by row in one transaction, in
// request order: round trips cost nothing in-process, while multi-row SQL
// built per batch had to be prepared again for every batch size.
// Dedupe and suppression are decided by the in-memory index of recent keys
// (recentKeys.mjs), which only this writer updates: the reports table is an
// append-only log, and a report's row is what makes its id and its claim
// durable (an index rebuilt from it after a crash decides the same way).
import { createRecentKeys, KEEP_MINUTES, windowOf } from './recentKeys.mjs';

export function createSqliteWriter(database, sql, nowMs) {
  const insertReport = database.prepare(sql.insertReport);
  const addCounter = database.prepare(sql.addCounter);
  const addTotal = database.prepare(sql.addTotal);
  const prune = [sql.pruneReports, sql.pruneCounters, sql.pruneTotals].map((text) => database.prepare(text));
  const keys = createRecentKeys();

  // Rebuild: every stored report holds its (service, id) and its claim. A suppressed report's row names a
  // window whose claim an earlier row already made, so replaying rows in order claims exactly the same.
  const nowMinute = Math.floor(nowMs / 60_000);
  for (const row of database.prepare(sql.recentReports).iterate(nowMinute - KEEP_MINUTES)) {
    keys.addId(row.service, row.id, row.received_minute);
    if (windowOf(row.minute) + 15 > nowMinute - KEEP_MINUTES) keys.claim(row.service, row.client, row.minute);
  }
  let lastForget = nowMinute;

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

  const write = database.transaction((reports, statuses, receivedMinute) => {
    const counted = [];
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i];
      if (statuses[i] === 'duplicate') continue;
      insertReport.run([r.service, r.id, r.client, r.problem, r.source, r.signals, r.country, r.minute, receivedMinute]);
      if (statuses[i] === 'counted') counted.push({ ...r, count: 1 });
    }
    count(counted);
  });

  function commit(reports, receivedAt) {
    const receivedMinute = Math.floor(receivedAt / 60_000);
    if (receivedMinute > lastForget) {
      keys.forget(receivedMinute);
      lastForget = receivedMinute;
    }
    // Decided first, against a copy of what is new in this batch: the index changes only once the
    // transaction has committed, so a failed commit leaves it as the database is.
    const statuses = new Array(reports.length);
    const newIds = new Set();
    const newClaims = new Set();
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i];
      const idKey = `${r.service}\n${r.id}`;
      if (newIds.has(idKey) || keys.hasId(r.service, r.id)) {
        statuses[i] = 'duplicate';
        continue;
      }
      newIds.add(idKey);
      const claimKey = `${windowOf(r.minute)}\n${r.service}\n${r.client}`;
      statuses[i] = newClaims.has(claimKey) || keys.hasClaim(r.service, r.client, r.minute) ? 'suppressed' : 'counted';
      newClaims.add(claimKey);
    }
    write(reports, statuses, receivedMinute);
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i];
      if (statuses[i] === 'duplicate') continue;
      keys.addId(r.service, r.id, receivedMinute);
      if (statuses[i] === 'counted') keys.claim(r.service, r.client, r.minute);
    }
    return statuses;
  }

  const addCounts = database.transaction((rows) => count(rows));

  return {
    commit,
    addCounts: (rows) => addCounts(rows),
    /** Deletes rows older than the given epoch minutes (computed from RETENTION by the caller). */
    prune(cutoffs) {
      const [reports, counters, totals] = prune;
      const result = {
        reports: reports.run(cutoffs.reports).changes,
        // Claims live in memory: those no report can name any more are dropped.
        suppressions: keys.forget(cutoffs.now),
        counters: counters.run(cutoffs.counters).changes,
      };
      totals.run(cutoffs.counters);
      return result;
    },
    /** Keys held in memory (for tests and the benchmark). */
    get recentKeys() {
      return keys.size;
    },
  };
}
