// SQLite's batch write, on the event loop's own connection. A commit only
// appends to the WAL (checkpoints run in their own thread, checkpointer.ts),
// about 2 µs of SQLite's own CPU per report (docs/benchmarks.md), so handing
// batches to a worker thread does not pay: on 2 cores the hand-off cost more
// than the commit. Rows go in through multi-row statements, all of a
// commit in one transaction. Dedupe and suppression are decided by the
// in-memory index of recent keys (recentKeys.ts), which only this writer
// updates: the reports table is an append-only log, and a report's row is what
// makes its id and its claim durable (an index rebuilt from it after a crash
// decides the same way). The per-network slots (LIMITS.networkReportsPerWindow)
// are not rebuilt: networks are hashed under a secret of this process
// (net/networkHasher.ts), so after a restart every network starts afresh.
import type BetterSqlite3 from 'better-sqlite3';
import { sumCounts, type CountedRow } from '../counterCells.ts';
import { minuteOf } from '../minutes.ts';
import type { PruneCutoffs } from '../prune.ts';
import type { CommitStatus, CounterRow, IngestReport, PruneResult } from '../types.ts';
import { multiRowStatement, type MultiRowWrite } from './multiRowStatement.ts';
import { KEEP_MINUTES, RecentKeys, WINDOW_MINUTES, windowOf } from './recentKeys.ts';
import type { SqliteWriteSql } from './statements.ts';

interface RecentReportRow {
  service: string;
  id: string;
  client: string;
  minute: number;
  received_minute: number;
}

export class SqliteWriter {
  private readonly insertReports: MultiRowWrite;
  private readonly addCounters: MultiRowWrite;
  private readonly addTotals: MultiRowWrite;
  private readonly addNetworkTotals: MultiRowWrite;
  private readonly pruneStatements: BetterSqlite3.Statement[];
  private readonly keys = new RecentKeys();
  private lastForget: number;
  private readonly write: (reports: readonly IngestReport[], statuses: CommitStatus[], receivedMinute: number,
    newNetworks: Map<string, number> | null) => void;
  private readonly addCountsInTransaction: (rows: readonly CountedRow[]) => void;

  /** Opens the writer on a migrated database; `nowMs` bounds the recent keys it rebuilds from the reports. */
  constructor(database: BetterSqlite3.Database, sql: SqliteWriteSql, nowMs: number) {
    this.insertReports = multiRowStatement(database, sql.insertReport, 9);
    this.addCounters = multiRowStatement(database, sql.addCounter, 7);
    this.addTotals = multiRowStatement(database, sql.addTotal, 3);
    this.addNetworkTotals = multiRowStatement(database, sql.addNetworkTotal, 3);
    this.pruneStatements = [sql.pruneReports, sql.pruneCounters, sql.pruneTotals, sql.pruneNetworkTotals]
      .map((text) => database.prepare(text));

    // Rebuild: every stored report holds its (service, id) and whether it claimed its arrival window (every
    // report that was not a duplicate tried to, in order), so replaying rows in order claims the same.
    const nowMinute = minuteOf(nowMs);
    for (const row of database.prepare(sql.recentReports).iterate(nowMinute - KEEP_MINUTES) as Iterable<RecentReportRow>) {
      this.keys.addId(row.service, row.id, row.received_minute);
      if (windowOf(row.received_minute) + WINDOW_MINUTES > nowMinute) this.keys.claim(row.service, row.client, row.received_minute);
    }
    this.lastForget = nowMinute;

    this.write = database.transaction((reports: readonly IngestReport[], statuses: CommitStatus[], receivedMinute: number,
      newNetworks: Map<string, number> | null) => {
      const rows: unknown[] = [];
      const counted: IngestReport[] = [];
      for (let i = 0; i < reports.length; i++) {
        if (statuses[i] === 'duplicate') continue;
        const r = reports[i]!;
        rows.push(r.service, r.id, r.client, r.problem, r.source, r.signals, r.country, r.minute, receivedMinute);
        if (statuses[i] === 'counted') counted.push(r);
      }
      if (rows.length > 0) this.insertReports(rows, rows.length / 9);
      this.count(counted);
      if (newNetworks !== null) {
        const params: unknown[] = [];
        const start = windowOf(receivedMinute);
        for (const [service, networks] of newNetworks) params.push(start, service, networks);
        this.addNetworkTotals(params, newNetworks.size);
      }
    });
    this.addCountsInTransaction = database.transaction((rows: readonly CountedRow[]) => this.count(rows));
  }

  /**
   * Decides each report (a later report in the batch sees an earlier one): a new id claims its client's
   * arrival window, and a report with a claim counts if its network still has a slot for the service in
   * that window. Then inserts every new report, adds the counted ones to the counters and the networks new
   * to a service to its window's network total, in one transaction. Statuses in input order.
   */
  commit(reports: readonly IngestReport[], receivedAt: number): CommitStatus[] {
    const receivedMinute = minuteOf(receivedAt);
    if (receivedMinute > this.lastForget) {
      this.keys.forget(receivedMinute);
      this.lastForget = receivedMinute;
    }
    // Entered in the index report by report, and taken back if the transaction fails, so the index always
    // says what the database holds.
    const statuses: CommitStatus[] = new Array(reports.length);
    const added: IngestReport[] = [];
    const claimed: boolean[] = [];
    const slots: number[] = [];
    let newNetworks: Map<string, number> | null = null;
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i]!;
      if (!this.keys.addId(r.service, r.id, receivedMinute)) {
        statuses[i] = 'duplicate';
        continue;
      }
      const claims = this.keys.claim(r.service, r.client, receivedMinute);
      const slot = claims ? this.keys.takeNetworkSlot(r.service, r.network, receivedMinute) : -1;
      statuses[i] = slot >= 0 ? 'counted' : 'suppressed';
      if (slot === 0) (newNetworks ??= new Map()).set(r.service, (newNetworks.get(r.service) ?? 0) + 1);
      added.push(r);
      claimed.push(claims);
      slots.push(slot);
    }
    try {
      this.write(reports, statuses, receivedMinute, newNetworks);
    } catch (error) {
      // Newest first, so each removal takes back exactly what its report added.
      for (let i = added.length - 1; i >= 0; i--) {
        const r = added[i]!;
        if (slots[i]! >= 0) this.keys.returnNetworkSlot(r.service, r.network, receivedMinute, slots[i]!);
        if (claimed[i]) this.keys.unclaim(r.service, r.client, receivedMinute);
        this.keys.removeId(r.service, r.id);
      }
      throw error;
    }
    return statuses;
  }

  addCounts(rows: readonly CounterRow[]): void {
    this.addCountsInTransaction(rows);
  }

  /** Deletes rows older than the cutoffs, and drops in-memory ids and windows no report can name any more. */
  prune(cutoffs: PruneCutoffs): Omit<PruneResult, 'incidents'> {
    const [reports, counters, totals, networkTotals] = this.pruneStatements as [BetterSqlite3.Statement, BetterSqlite3.Statement,
      BetterSqlite3.Statement, BetterSqlite3.Statement];
    const result = {
      reports: reports.run(cutoffs.reports).changes,
      suppressions: this.keys.forget(cutoffs.now),
      counters: counters.run(cutoffs.counters).changes,
    };
    totals.run(cutoffs.counters);
    networkTotals.run(cutoffs.suppression);
    return result;
  }

  /** Keys held in memory (for tests and the benchmark). */
  get recentKeys(): { ids: number; claims: number; networkSlots: number } {
    return this.keys.size;
  }

  /** One upsert row per distinct cell and minute total (counterCells.ts). */
  private count(rows: readonly CountedRow[]): void {
    if (rows.length === 0) return;
    const { cells, totals } = sumCounts(rows);
    const cellParams: unknown[] = [];
    for (const c of cells) cellParams.push(c.service, c.minute, c.problem, c.country, c.source, c.signals, c.count);
    this.addCounters(cellParams, cells.length);
    const totalParams: unknown[] = [];
    for (const t of totals) totalParams.push(t.service, t.minute, t.count);
    this.addTotals(totalParams, totals.length);
  }
}
