// Counter aggregation, written once for both databases' Node-side writes:
// rows (counted reports, or history given to Storage.addCounts) summed into
// one upsert per counter cell and one per minute total, so a surge, which is
// mostly one cell, costs one row write instead of one per report. Rows are
// grouped by service and minute in maps and matched on the other fields by a
// scan (a batch has few cells per service and minute), so no key text is
// built per row.
import type { CounterRow, MinuteTotal } from './types.ts';

/** A counter row; without `count` it is one report. */
export type CountedRow = Omit<CounterRow, 'count'> & { count?: number };

export interface SummedCounts {
  cells: CounterRow[];
  totals: MinuteTotal[];
}

interface MinuteGroup {
  total: MinuteTotal;
  cells: CounterRow[];
}

export function sumCounts(rows: Iterable<CountedRow>): SummedCounts {
  const byService = new Map<string, Map<number, MinuteGroup>>();
  const cells: CounterRow[] = [];
  const totals: MinuteTotal[] = [];
  for (const r of rows) {
    const n = r.count ?? 1;
    let byMinute = byService.get(r.service);
    if (byMinute === undefined) byService.set(r.service, (byMinute = new Map()));
    let group = byMinute.get(r.minute);
    if (group === undefined) {
      group = { total: { service: r.service, minute: r.minute, count: 0 }, cells: [] };
      byMinute.set(r.minute, group);
      totals.push(group.total);
    }
    group.total.count += n;
    let cell: CounterRow | undefined;
    for (const c of group.cells) {
      if (c.problem === r.problem && c.country === r.country && c.source === r.source && c.signals === r.signals) {
        cell = c;
        break;
      }
    }
    if (cell) {
      cell.count += n;
    } else {
      cell = { service: r.service, minute: r.minute, problem: r.problem, country: r.country, source: r.source, signals: r.signals, count: n };
      group.cells.push(cell);
      cells.push(cell);
    }
  }
  return { cells, totals };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Cells and totals in key order: concurrent writers that upsert in one order cannot deadlock. */
export function sortedCounts(summed: SummedCounts): SummedCounts {
  return {
    cells: [...summed.cells].sort((a, b) => compareText(a.service, b.service) || a.minute - b.minute ||
      compareText(a.problem, b.problem) || compareText(a.country, b.country) || compareText(a.source, b.source) ||
      a.signals - b.signals),
    totals: [...summed.totals].sort((a, b) => compareText(a.service, b.service) || a.minute - b.minute),
  };
}
