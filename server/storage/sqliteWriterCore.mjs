// SQLite's batch write logic, run on the event loop (sqliteWriter.ts). Plain
// JavaScript, from when a worker thread loaded it without a TypeScript
// loader; types: sqliteWriterCore.d.mts.
// Rows go in through multi-row statements prepared once per row count
// (multiRowStatement.mjs), all of a commit in one transaction.
// Dedupe and suppression are decided by the in-memory index of recent keys
// (recentKeys.mjs), which only this writer updates: the reports table is an
// append-only log, and a report's row is what makes its id and its claim
// durable (an index rebuilt from it after a crash decides the same way).
import { multiRowStatement } from './multiRowStatement.mjs';
import { createRecentKeys, KEEP_MINUTES, WINDOW_MINUTES, windowOf } from './recentKeys.mjs';

export function createSqliteWriter(database, sql, nowMs) {
  const insertReports = multiRowStatement(database, sql.insertReport, 9);
  const addCounters = multiRowStatement(database, sql.addCounter, 7);
  const addTotals = multiRowStatement(database, sql.addTotal, 3);
  const prune = [sql.pruneReports, sql.pruneCounters, sql.pruneTotals].map((text) => database.prepare(text));
  const keys = createRecentKeys();

  // Rebuild: every stored report holds its (service, id) and its claim. A suppressed report's row names a
  // window whose claim an earlier row already made, so replaying rows in order claims exactly the same.
  const nowMinute = Math.floor(nowMs / 60_000);
  for (const row of database.prepare(sql.recentReports).iterate(nowMinute - KEEP_MINUTES)) {
    keys.addId(row.service, row.id, row.received_minute);
    if (windowOf(row.minute) + WINDOW_MINUTES > nowMinute - KEEP_MINUTES) keys.claim(row.service, row.client, row.minute);
  }
  let lastForget = nowMinute;

  /** One upsert row per distinct cell and minute total (a surge is mostly one cell); a row without `count` is 1. */
  function count(rows) {
    const cells = new Map();
    const totals = new Map();
    for (const r of rows) {
      const cellKey = `${r.service}\n${r.minute}\n${r.problem}\n${r.country}\n${r.source}\n${r.signals}`;
      const cell = cells.get(cellKey);
      const n = r.count ?? 1;
      if (cell) cell[6] += n;
      else cells.set(cellKey, [r.service, r.minute, r.problem, r.country, r.source, r.signals, n]);
      const totalKey = `${r.service}\n${r.minute}`;
      const total = totals.get(totalKey);
      if (total) total[2] += n;
      else totals.set(totalKey, [r.service, r.minute, n]);
    }
    if (cells.size > 0) addCounters([...cells.values()].flat(), cells.size);
    if (totals.size > 0) addTotals([...totals.values()].flat(), totals.size);
  }

  /** Inserts every new report of every batch and adds the counted ones to the counters, in one transaction. */
  const write = database.transaction((groups, decided) => {
    const counted = [];
    const rows = [];
    for (let g = 0; g < groups.length; g++) {
      const { reports, receivedAt } = groups[g];
      const statuses = decided[g];
      const receivedMinute = Math.floor(receivedAt / 60_000);
      for (let i = 0; i < reports.length; i++) {
        const r = reports[i];
        if (statuses[i] === 'duplicate') continue;
        rows.push(r.service, r.id, r.client, r.problem, r.source, r.signals, r.country, r.minute, receivedMinute);
        if (statuses[i] === 'counted') counted.push(r);
      }
    }
    if (rows.length > 0) insertReports(rows, rows.length / 9);
    count(counted);
  });

  /**
   * Commits several batches (in order) in ONE transaction, deciding each report as if it had come alone in
   * that order (a later report sees an earlier one).
   */
  function commitGroup(groups) {
    const receivedMinute = Math.floor(groups[groups.length - 1].receivedAt / 60_000);
    if (receivedMinute > lastForget) {
      keys.forget(receivedMinute);
      lastForget = receivedMinute;
    }
    // Decided and entered in the index report by report (a later report in the batch sees an earlier one);
    // taken back if the transaction fails, so the index always says what the database holds.
    const added = [];
    const claimed = [];
    const decided = groups.map(({ reports, receivedAt }) => {
      const minute = Math.floor(receivedAt / 60_000);
      const statuses = new Array(reports.length);
      for (let i = 0; i < reports.length; i++) {
        const r = reports[i];
        if (keys.hasId(r.service, r.id)) {
          statuses[i] = 'duplicate';
          continue;
        }
        keys.addId(r.service, r.id, minute);
        const claims = keys.claim(r.service, r.client, r.minute);
        statuses[i] = claims ? 'counted' : 'suppressed';
        added.push(r);
        claimed.push(claims);
      }
      return statuses;
    });
    try {
      write(groups, decided);
    } catch (error) {
      undo(added, claimed);
      throw error;
    }
    return decided;
  }

  /** Takes the new reports back out of the index, newest first; `claimed[i]`: report i made its claim. */
  function undo(added, claimed) {
    for (let i = added.length - 1; i >= 0; i--) {
      const r = added[i];
      if (claimed[i]) keys.unclaim(r.service, r.client, r.minute);
      keys.removeId(r.service, r.id);
    }
  }

  const addCounts = database.transaction((rows) => count(rows));

  return {
    commit: (reports, receivedAt) => commitGroup([{ reports, receivedAt }])[0],
    commitGroup,
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
