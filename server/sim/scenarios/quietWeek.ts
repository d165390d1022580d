// A week with nothing wrong: 50 services from ~1 report an hour to ~500 an
// hour, each with its own audience time zone and burstiness. Any level other
// than ok here is a false alarm.

import { HISTORY_MINUTES, ordinaryService } from './ordinary.ts';
import { createRandom } from './random.ts';
import { WEEK_MINUTES } from './series.ts';
import type { Scenario } from './types.ts';

export const QUIET_SERVICES = 50;
const MIN_PER_HOUR = 1;
const MAX_PER_HOUR = 500;

export function quietWeek(seed = 50): Scenario {
  const evaluateFrom = Math.floor(Date.UTC(2025, 10, 3) / 60_000); // Monday 3 November 2025
  const evaluateTo = evaluateFrom + WEEK_MINUTES;
  const startMinute = evaluateFrom - HISTORY_MINUTES;
  const rng = createRandom(seed);
  const services = [];
  for (let i = 0; i < QUIET_SERVICES; i++) {
    // Log-spaced volumes, so small services are as well represented as big ones.
    const perHour = MIN_PER_HOUR * (MAX_PER_HOUR / MIN_PER_HOUR) ** (i / (QUIET_SERVICES - 1));
    const shape = { perHour, utcOffsetHours: rng.int(18) - 8, burstShape: 8 + rng.int(33) };
    const id = `quiet-${String(i + 1).padStart(2, '0')}.com`;
    services.push(ordinaryService(rng, id, shape, startMinute, evaluateTo - startMinute));
  }
  return {
    name: 'quiet-week',
    title: '50 services over a quiet week (1 to 500 reports an hour)',
    notes: 'Daily and weekly seasonality, half-hourly gamma bursts (shape 8–40) on Poisson counts; no incident.',
    startMinute,
    evaluateFrom,
    evaluateTo,
    services,
  };
}
