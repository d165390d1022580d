// Counter aggregation, written once for both databases' Node-side writes:
// rows (counted reports, or history given to Storage.addCounts) summed into
// one upsert per counter cell and one per minute total, so a surge, which is
// mostly one cell, costs one row write instead of one per report.
import type { CounterRow, MinuteTotal } from './types.ts';

/** A counter row; without `count` it is one report. */
export type CountedRow = Omit<CounterRow, 'count'> & { count?: number };

export interface SummedCounts {
  /** Keyed by the cell's full key (service, minute, problem, country, source, signals). */
  cells: Map<string, CounterRow>;
  /** Keyed by (service, minute). */
  totals: Map<string, MinuteTotal>;
}

export function sumCounts(rows: Iterable<CountedRow>): SummedCounts {
  const cells = new Map<string, CounterRow>();
  const totals = new Map<string, MinuteTotal>();
  for (const r of rows) {
    const n = r.count ?? 1;
    const totalKey = `${r.service}\n${r.minute}`;
    const cellKey = `${totalKey}\n${r.problem}\n${r.country}\n${r.source}\n${r.signals}`;
    const cell = cells.get(cellKey);
    if (cell) cell.count += n;
    else cells.set(cellKey, { service: r.service, minute: r.minute, problem: r.problem, country: r.country, source: r.source, signals: r.signals, count: n });
    const total = totals.get(totalKey);
    if (total) total.count += n;
    else totals.set(totalKey, { service: r.service, minute: r.minute, count: n });
  }
  return { cells, totals };
}

const byKey = <T>(map: Map<string, T>): T[] =>
  [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, value]) => value);

/** Cells and totals in key order: concurrent writers that upsert in one order cannot deadlock. */
export function sortedCounts(summed: SummedCounts): { cells: CounterRow[]; totals: MinuteTotal[] } {
  return { cells: byKey(summed.cells), totals: byKey(summed.totals) };
}
