// The reports chart as plain geometry (docs/incidents.md): which buckets to
// draw, where, and what to label. Pure, so ReportsChart renders the same in
// the popup and on the server, and tests check the numbers, not pixels.
import type { SeriesPoint } from '../core/protocol.ts';
import type { DetailView } from '../core/statusView.ts';

export type ChartRange = 'recent' | 'day';

/** The SVG's own units; the popup draws it 1:1 (its content is 336 px wide), so 13 units are 13 px. */
export const CHART = { width: 336, height: 128, left: 44, right: 10, top: 18, bottom: 22 } as const;
const PLOT_W = CHART.width - CHART.left - CHART.right;
const PLOT_H = CHART.height - CHART.top - CHART.bottom;
const FLOOR_Y = CHART.top + PLOT_H;
/** The usual band never gets thinner than this, so it stays visible beside an outage 300× its size. */
const MIN_BAND_PX = 3;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The recent view covers at least this much, and starts this long before the incident did. */
const RECENT_MIN_MS = HOUR_MS;
const BEFORE_START_MS = 45 * MINUTE_MS;
/** The recent view at most, and its length when built from the day's buckets. */
const RECENT_HOURS = 6;
/** After an incident ends, the recent view stays the first one shown for this long. */
const RECENT_AFTER_MS = 3 * HOUR_MS;
/** A partial bucket younger than this is too young to say anything about its rate. */
const MIN_PARTIAL_MS = MINUTE_MS;

export interface PlotPoint {
  x: number;
  y: number;
  t: number;
  count: number;
}

export interface ChartModel {
  range: ChartRange;
  bucketMinutes: number;
  hours: number;
  /** Finished buckets, plotted at their end. */
  points: PlotPoint[];
  /** The unfinished current bucket at `now`, its height the rate so far over a whole bucket; null when too young. */
  partial: (PlotPoint & { projected: number }) | null;
  line: string;
  partialLine: string | null;
  usualArea: string;
  /** The usual count per bucket now (the latest bucket's baseline). */
  usualNow: number;
  yMax: number;
  ticks: { y: number; value: number }[];
  peak: PlotPoint | null;
  /** The incident's start: its x, or `before` when it lies left of the chart. */
  start: { x: number; t: number; before: boolean } | null;
  nowX: number;
  learning: boolean;
  empty: boolean;
}

/** The recent hours during an incident and for a while after it, otherwise the whole day. */
export function defaultChartRange(detail: DetailView, now: number): ChartRange {
  if (detail.level !== 'ok' || detail.since !== null) return 'recent';
  const last = detail.incidents[0];
  return last?.until != null && now - last.until < RECENT_AFTER_MS ? 'recent' : 'day';
}

/**
 * The buckets of a range. The recent view is the server's 5-minute series from
 * shortly before the incident began (at least the last hour), so the rise
 * fills the chart; the day view is the 15-minute series.
 */
export function pointsFor(detail: DetailView, range: ChartRange, now: number): { points: SeriesPoint[]; bucketMinutes: number } {
  if (range === 'day') return { points: detail.series, bucketMinutes: detail.bucketMinutes };
  const start = detail.since ?? detail.incidents[0]?.since ?? now;
  const from = Math.min(now - RECENT_MIN_MS, start - BEFORE_START_MS);
  if (detail.recent.points.length) return { points: detail.recent.points.filter((p) => p.t >= from), bucketMinutes: detail.recent.bucketMinutes };
  const keep = (RECENT_HOURS * 60) / detail.bucketMinutes;
  return { points: detail.series.slice(-keep).filter((p) => p.t >= from), bucketMinutes: detail.bucketMinutes };
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value`. */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A peak worth labelling: well above the typical bucket of the view, not the top of a flat line. */
function standsOut(count: number, points: readonly PlotPoint[]): boolean {
  const sorted = points.map((p) => p.count).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return count >= 5 && count >= 2 * median;
}

export interface ChartInput {
  points: readonly SeriesPoint[];
  bucketMinutes: number;
  now: number;
  since: number | null;
  learning: boolean;
  range: ChartRange;
}

export function chartModel({ points: raw, bucketMinutes, now, since, learning, range }: ChartInput): ChartModel {
  const bucketMs = bucketMinutes * MINUTE_MS;
  const first = raw[0]?.t ?? now - RECENT_HOURS * HOUR_MS;
  const span = Math.max(bucketMs, now - first);
  const x = (t: number) => r1(CHART.left + (Math.min(Math.max(t, first), now) - first) / span * PLOT_W);
  const done = raw.filter((p) => !p.partial && p.t + bucketMs <= now);
  const current = raw.find((p) => p.partial || p.t + bucketMs > now);
  const elapsed = current ? now - current.t : 0;
  const projected = current && elapsed >= MIN_PARTIAL_MS ? (current.count * bucketMs) / Math.min(elapsed, bucketMs) : null;
  const highest = Math.max(4, ...done.map((p) => p.count), ...raw.map((p) => p.baseline), projected ?? 0);
  const yMax = niceCeil(highest);
  const y = (v: number) => r1(FLOOR_Y - (v / yMax) * PLOT_H);

  const points = done.map((p) => ({ x: x(p.t + bucketMs), y: y(p.count), t: p.t, count: p.count }));
  const partial = current && projected !== null ? { x: x(now), y: y(projected), t: current.t, count: current.count, projected: Math.round(projected) } : null;
  const last = points[points.length - 1];
  const band = raw.map((p) => `${x(p.partial || p.t + bucketMs > now ? now : p.t + bucketMs)},${Math.min(y(p.baseline), FLOOR_Y - MIN_BAND_PX)}`);
  const highestPoint = points.reduce<PlotPoint | null>((best, p) => (!best || p.count > best.count ? p : best), null);
  const peak = highestPoint && standsOut(highestPoint.count, points) ? highestPoint : null;

  return {
    range,
    bucketMinutes,
    hours: Math.round(span / HOUR_MS),
    points,
    partial,
    line: points.map((p) => `${p.x},${p.y}`).join(' '),
    partialLine: partial && last ? `${last.x},${last.y} ${partial.x},${partial.y}` : null,
    usualArea: learning || band.length === 0 ? '' : `M${x(first)},${FLOOR_Y} L${band.join(' L')} L${x(now)},${FLOOR_Y} Z`,
    usualNow: raw[raw.length - 1]?.baseline ?? 0,
    yMax,
    ticks: [0, yMax / 2, yMax].map((value) => ({ y: y(value), value })),
    peak,
    start: since === null ? null : { x: x(since), t: since, before: since < first },
    nowX: x(now),
    learning,
    empty: raw.length === 0,
  };
}
