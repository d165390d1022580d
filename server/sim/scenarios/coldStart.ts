// A fresh server's first week: no history at all before its first report.
// Services at steady rates from 1 report an hour to 100 a minute, each with
// the daily curve of its audience's time zone; on day 2 some of them have an
// honest surge to 10× their usual rate. Any level other than ok outside the
// surges is a false alarm: the baseline must learn from what little history
// there is (docs/detector.md, "How the baseline is learned").

import { ordinaryService } from './ordinary.ts';
import { createRandom, type Random } from './random.ts';
import { DAY_MINUTES, seasonalFactor, WEEK_MINUTES, type TrafficShape } from './series.ts';
import type { Scenario, ScenarioService } from './types.ts';

export const COLD_START_SERVICES = 24;
const MIN_PER_HOUR = 1;
const MAX_PER_HOUR = 6000;
/** The surge multiplies the service's usual rate by this. */
export const SURGE_FACTOR = 10;
const SURGE_MINUTES = 45;
/** Services (by index, log-spaced rates) that surge on day 2, and the local hour the surge starts. */
const SURGES: readonly (readonly [index: number, localHour: number])[] = [[15, 11], [18, 20], [21, 3], [23, 15]];

/** Adds SURGE_FACTOR - 1 times the service's usual rate, Poisson-drawn, for `minutes` from epoch minute `start`. */
function addSurge(rng: Random, service: ScenarioService, startMinute: number, shape: TrafficShape, start: number, minutes: number): void {
  for (let minute = start; minute < start + minutes; minute++) {
    const usual = (shape.perHour / 60) * seasonalFactor(minute, shape.utcOffsetHours);
    const i = minute - startMinute;
    if (i >= 0 && i < service.excess.length) service.excess[i] = rng.poisson(usual * (SURGE_FACTOR - 1));
  }
}

export function coldStart(seed = 2026): Scenario {
  const startMinute = Math.floor(Date.UTC(2026, 0, 5, 9) / 60_000); // Monday 5 January 2026, 09:00 UTC: the server starts
  const evaluateTo = startMinute + WEEK_MINUTES;
  const rng = createRandom(seed);
  const services: ScenarioService[] = [];
  for (let i = 0; i < COLD_START_SERVICES; i++) {
    const perHour = MIN_PER_HOUR * (MAX_PER_HOUR / MIN_PER_HOUR) ** (i / (COLD_START_SERVICES - 1));
    const utcOffsetHours = rng.int(18) - 8;
    const shape = { perHour, utcOffsetHours, burstShape: 8 + rng.int(33) };
    const id = `fresh-${String(i + 1).padStart(2, '0')}.com`;
    const service = ordinaryService(rng, id, shape, startMinute, evaluateTo - startMinute);
    const surge = SURGES.find(([index]) => index === i);
    if (surge) {
      // Day 2 at the surge's local hour.
      const dayTwo = startMinute - (startMinute % DAY_MINUTES) + DAY_MINUTES;
      const start = dayTwo + ((((surge[1] - utcOffsetHours) % 24) + 24) % 24) * 60;
      addSurge(rng, service, startMinute, shape, start, SURGE_MINUTES);
      service.incidents = [{ label: `${SURGE_FACTOR}× surge, day 2 (${Math.round(perHour)}/h)`, start, end: start + SURGE_MINUTES, expect: 'outage' }];
    }
    services.push(service);
  }
  return {
    name: 'cold-start',
    title: `A fresh server's first week: ${COLD_START_SERVICES} services from 1 report an hour to 100 a minute, ${SURGE_FACTOR}× surges on day 2`,
    notes: 'No history before the first minute; daily and weekly seasonality, half-hourly gamma bursts (shape 8–40) on Poisson counts.',
    startMinute,
    evaluateFrom: startMinute,
    evaluateTo,
    services,
  };
}
