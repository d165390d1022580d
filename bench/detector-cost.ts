// Cost of one detectLevel call in the three situations the server meets:
// a service at ok, one in the 7th hour of an outage, and the worst case (an
// outage older than the replay cap). countAt is an array lookup, as the
// server's in-memory minute totals would be.

import { performance } from 'node:perf_hooks';
import { DETECTOR_PARAMS, detectLevel } from '../src/core/detector.ts';
import { createRandom } from '../server/sim/scenarios/random.ts';
import { countsReader, ordinaryCounts } from '../server/sim/scenarios/series.ts';

const HISTORY = 30 * 1440;
const START = Math.floor(Date.UTC(2026, 0, 1) / 60_000);

function timeCall(label: string, outageMinutes: number): { label: string; micros: number; level: string } {
  const counts = ordinaryCounts(createRandom(9), { perHour: 120, utcOffsetHours: 0 }, START, HISTORY);
  const now = START + HISTORY - 1;
  for (let m = now - outageMinutes + 1; outageMinutes > 0 && m <= now; m++) counts[m - START]! += 60;
  const countAt = countsReader(counts, START);
  let level = '';
  for (let i = 0; i < 50; i++) level = detectLevel({ now: now * 60_000, countAt }).level; // warm up
  const rounds = outageMinutes > 600 ? 300 : 3000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) detectLevel({ now: now * 60_000 + (i % 60) * 1000, countAt });
  return { label, micros: ((performance.now() - started) * 1000) / rounds, level };
}

export function measureDetectorCost(): string[] {
  return [
    timeCall('service at ok', 0),
    timeCall('7 hours into an outage', 7 * 60),
    timeCall(`outage older than the replay cap (${DETECTOR_PARAMS.maxReplayMinutes} min)`, 26 * 60),
  ].map((r) => `  ${r.label.padEnd(50)} ${r.micros.toFixed(1).padStart(7)} µs per call (level ${r.level})`);
}
