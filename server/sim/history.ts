// Weeks of history written fast: straight into the per-minute counters
// (Storage.addCounts), aggregated per counter cell, without raw reports.
// Only the detector's baselines and the 24-hour chart read that far back,
// and both read the counters.

import { signalBits } from '../../src/core/protocol.ts';
import type { Random } from './scenarios/random.ts';
import { drawAttributes } from './scenarios/reports.ts';
import type { Scenario } from './scenarios/types.ts';
import type { CounterRow, Storage } from '../storage/types.ts';

const ROWS_PER_WRITE = 20_000;

/**
 * Writes the counts of scenario minutes [fromIndex, toIndex) (indexes from scenario.startMinute), moved by
 * `shiftMinutes` on the clock. Returns the number of reports the counters now hold for them.
 */
export async function writeHistory(
  storage: Storage,
  scenario: Scenario,
  range: { fromIndex: number; toIndex: number; shiftMinutes: number },
  rng: Random,
): Promise<number> {
  let written = 0;
  let cells = new Map<string, CounterRow>();
  const flush = async () => {
    if (cells.size === 0) return;
    await storage.addCounts([...cells.values()]);
    cells = new Map();
  };
  for (let index = range.fromIndex; index < range.toIndex; index++) {
    const minute = scenario.startMinute + index + range.shiftMinutes;
    for (const service of scenario.services) {
      for (const [counts, mix] of [[service.ordinary, service.ordinaryMix], [service.excess, service.incidentMix]] as const) {
        const n = counts[index] ?? 0;
        for (let i = 0; i < n; i++) {
          const a = drawAttributes(rng, mix);
          const row: CounterRow = {
            service: service.id, minute, problem: a.problem, country: a.country ?? '', source: a.source,
            signals: signalBits(a.signals), count: 1,
          };
          const key = `${row.service}|${minute}|${row.problem}|${row.country}|${row.source}|${row.signals}`;
          const cell = cells.get(key);
          if (cell) cell.count++;
          else cells.set(key, row);
        }
        written += n;
      }
    }
    if (cells.size >= ROWS_PER_WRITE) await flush();
  }
  await flush();
  return written;
}
