// Ordinary report traffic of one service, minute by minute: a daily curve
// (quiet at night, busy in the evening of its audience's time zone), a
// weekly one, and noise that is over-dispersed the way real report counts
// are (busy half-hours and quiet ones, on top of Poisson chance).

import type { Random } from './random.ts';

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 24 * 60;
export const WEEK_MINUTES = 7 * DAY_MINUTES;

export interface TrafficShape {
  /** Mean reports per hour, averaged over a whole week. */
  perHour: number;
  /** Offset of the audience's local time from UTC, in hours (sets where the daily peak falls). */
  utcOffsetHours: number;
  /** Gamma shape of the half-hourly activity factor: smaller is burstier. */
  burstShape?: number;
}

/** Multiplier of the mean rate at an epoch minute: about 0.45 at 04:00 local, 1.55 at 16:00, weekends ×0.9. */
export function seasonalFactor(minute: number, utcOffsetHours: number): number {
  const local = minute + utcOffsetHours * 60;
  const hour = (((local % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES) / 60;
  const daily = 1 + 0.55 * Math.sin((2 * Math.PI * (hour - 10)) / 24);
  // 1970-01-01 was a Thursday: day 2 and 3 of the epoch week are Saturday and Sunday.
  const weekday = Math.floor((((local % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES) / DAY_MINUTES);
  const weekly = weekday === 2 || weekday === 3 ? 0.9 : 1.04;
  return daily * weekly;
}

/** Ordinary reports per minute for `minutes` minutes from `startMinute`. */
export function ordinaryCounts(rng: Random, shape: TrafficShape, startMinute: number, minutes: number): Uint32Array {
  const out = new Uint32Array(minutes);
  const burstShape = shape.burstShape ?? 25;
  const perMinute = shape.perHour / 60;
  let burst = 1;
  for (let i = 0; i < minutes; i++) {
    const minute = startMinute + i;
    if (i === 0 || minute % 30 === 0) burst = rng.gamma(burstShape, 1);
    out[i] = rng.poisson(perMinute * seasonalFactor(minute, shape.utcOffsetHours) * burst);
  }
  return out;
}

/** An O(1) `countAt` over an array of per-minute counts that starts at `startMinute` (0 outside it). */
export function countsReader(counts: ArrayLike<number>, startMinute: number): (minute: number) => number {
  return (minute) => {
    const i = minute - startMinute;
    return i >= 0 && i < counts.length ? counts[i]! : 0;
  };
}
