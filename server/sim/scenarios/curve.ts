// Incident shapes from public Downdetector charts. Downdetector plots
// "reports at a time"; we model our own crowd's reports per minute as that
// figure divided by DOWNDETECTOR_SCALE, which keeps the shape (onset, peak,
// decay) and puts an ordinary hour of a big service at a few dozen reports.

import type { Random } from './random.ts';

/** Downdetector "reports at a time" per report per minute in our crowd. */
export const DOWNDETECTOR_SCALE = 100;

/** A point of a chart: epoch minute and Downdetector's reports at that time. */
export type CurvePoint = readonly [minute: number, reports: number];

/** The chart's value at a minute, linearly interpolated between points (0 outside them). */
export function curveAt(points: readonly CurvePoint[], minute: number): number {
  for (let i = 1; i < points.length; i++) {
    const [m0, v0] = points[i - 1]!;
    const [m1, v1] = points[i]!;
    if (minute >= m0 && minute <= m1) return m1 === m0 ? v1 : v0 + ((v1 - v0) * (minute - m0)) / (m1 - m0);
  }
  return 0;
}

/**
 * Adds Poisson-distributed excess reports following the chart (divided by DOWNDETECTOR_SCALE, times `share`)
 * into `excess`, which starts at `startMinute`. Returns the first minute with a non-zero mean and the minute
 * after the last one (the incident's start and end).
 */
export function addCurve(
  rng: Random,
  excess: Uint32Array,
  startMinute: number,
  points: readonly CurvePoint[],
  share = 1,
): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  const from = points[0]![0];
  const to = points[points.length - 1]![0];
  for (let minute = from; minute <= to; minute++) {
    const mean = (curveAt(points, minute) / DOWNDETECTOR_SCALE) * share;
    if (mean <= 0) continue;
    start = Math.min(start, minute);
    end = Math.max(end, minute + 1);
    const i = minute - startMinute;
    if (i >= 0 && i < excess.length) excess[i]! += rng.poisson(mean);
  }
  return { start, end };
}

/** Epoch minute of an ISO date-time (UTC unless the string says otherwise). */
export function minuteOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${iso}`);
  return Math.floor(ms / 60_000);
}
