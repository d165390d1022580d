import { describe, expect, it } from 'vitest';
import { baselineFor, DETECTOR_HISTORY_MINUTES, DETECTOR_PARAMS, detectLevel, type DetectorResult } from '../../src/core/detector.ts';
import { BASELINE_FLOOR, slotStatistics } from '../../src/core/baseline.ts';
import { negativeBinomialCritical } from '../../src/core/detector/significance.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { countsReader, ordinaryCounts, WEEK_MINUTES } from '../../server/sim/scenarios/series.ts';

const START = Math.floor(Date.UTC(2026, 0, 5) / 60_000); // a Monday, in epoch minutes
const HISTORY = 4 * WEEK_MINUTES + 2 * 24 * 60;
const at = (minute: number) => minute * 60_000;

/** 4 weeks and 2 days of ordinary traffic at `perHour`, as a mutable array. */
function history(perHour: number, seed = 1): Uint32Array {
  return ordinaryCounts(createRandom(seed), { perHour, utcOffsetHours: 0 }, START, HISTORY);
}

function levelsBetween(counts: Uint32Array, from: number, to: number): DetectorResult[] {
  const countAt = countsReader(counts, START);
  const out: DetectorResult[] = [];
  for (let m = from; m < to; m++) out.push(detectLevel({ now: at(m) + 30_000, countAt }));
  return out;
}

const lastDayStart = START + HISTORY - 24 * 60;

describe('detectLevel', () => {
  it('keeps steady noisy traffic at ok for a whole day', () => {
    const counts = history(120);
    const levels = levelsBetween(counts, lastDayStart, START + HISTORY);
    expect(levels.filter((r) => r.level !== 'ok')).toEqual([]);
    expect(levels[600]!.baseline).toBeGreaterThan(10);
  });

  it('raises a sudden surge to outage within two minutes, with since at the change', () => {
    const counts = history(120);
    const onset = lastDayStart + 600;
    for (let m = onset; m < onset + 30; m++) counts[m - START]! += 40;
    const levels = levelsBetween(counts, onset, onset + 30);
    const first = levels.findIndex((r) => r.level === 'outage');
    expect(first).toBeGreaterThanOrEqual(1); // one minute of excess is not yet enough
    expect(first).toBeLessThanOrEqual(2);
    const later = levels[20]!;
    expect(later.level).toBe('outage');
    expect(later.since).toBe(at(onset + first));
    expect(later.count).toBeGreaterThan(15 * 40);
  });

  it('clears back to ok within 15 minutes after the surge ends, and stays ok', () => {
    const counts = history(120);
    const onset = lastDayStart + 600;
    const end = onset + 60;
    for (let m = onset; m < end; m++) counts[m - START]! += 40;
    const levels = levelsBetween(counts, end, end + 60);
    expect(levels[0]!.level).toBe('outage');
    const cleared = levels.findIndex((r) => r.level === 'ok');
    expect(cleared).toBeGreaterThan(0);
    expect(cleared).toBeLessThanOrEqual(15);
    expect(levels.slice(cleared).every((r) => r.level === 'ok' && r.since === null)).toBe(true);
  });

  it('needs a real minimum count for a service with no history', () => {
    const counts = new Uint32Array(HISTORY);
    const now = START + HISTORY - 10;
    const countAt = countsReader(counts, START);
    // Four people in four minutes is noteworthy, not an outage.
    for (let m = now - 3; m <= now; m++) counts[m - START] = 1;
    expect(detectLevel({ now: at(now), countAt }).level).toBe('ok');
    expect(baselineFor(countAt, now - (now % 15))).toBe(BASELINE_FLOOR);
    // Fifteen reports spread over three minutes is.
    for (let m = now - 2; m <= now; m++) counts[m - START] = 5;
    const result = detectLevel({ now: at(now), countAt });
    expect(result.level).toBe('outage');
    expect(result.count).toBe(16);
  });

  it('does not let an outage in the history inflate the baseline', () => {
    const clean = history(120, 7);
    const scarred = clean.slice();
    const slot = lastDayStart + 600 - ((lastDayStart + 600) % 15);
    // A 7-hour outage one week before, around the very same time of week.
    const pastOutage = slot - WEEK_MINUTES - 180;
    for (let m = pastOutage; m < pastOutage + 420; m++) scarred[m - START]! += 300;
    const cleanBaseline = baselineFor(countsReader(clean, START), slot);
    const scarredBaseline = baselineFor(countsReader(scarred, START), slot);
    expect(scarredBaseline).toBeLessThan(cleanBaseline * 1.1);
    // And a surge at that time is still caught.
    for (let m = slot; m < slot + 5; m++) scarred[m - START]! += 25;
    expect(detectLevel({ now: at(slot + 4), countAt: countsReader(scarred, START) }).level).toBe('outage');
  });

  it('does not flap on one noisy minute, up or down', () => {
    const counts = history(120);
    const spike = lastDayStart + 300;
    counts[spike - START]! += 200;
    expect(levelsBetween(counts, spike - 2, spike + 20).every((r) => r.level === 'ok')).toBe(true);

    const onset = lastDayStart + 700;
    for (let m = onset; m < onset + 60; m++) counts[m - START]! += 40;
    counts[onset + 30 - START] = 0; // one silent minute in the middle of the outage
    counts[onset + 31 - START] = 1;
    const during = levelsBetween(counts, onset + 5, onset + 60);
    expect(during.every((r) => r.level === 'outage')).toBe(true);
    expect(new Set(during.map((r) => r.since)).size).toBe(1);
  });

  it('reports a moderate excess (between the two thresholds) as warning rather than outage', () => {
    const counts = history(120);
    const countAt = countsReader(counts, START);
    const slot = lastDayStart + 600 - ((lastDayStart + 600) % 15);
    const stats = slotStatistics(countAt, slot);
    // Evidence is 4 of the 5 minutes of the window (the busiest one is left out).
    const expected = (stats.mean / 15) * 4;
    const warnAt = negativeBinomialCritical(expected, stats.size, DETECTOR_PARAMS.warningAlpha);
    const outageAt = negativeBinomialCritical(expected, stats.size, DETECTOR_PARAMS.outageAlpha);
    const perMinute = Math.ceil(warnAt / 4);
    expect(perMinute * 4).toBeLessThan(outageAt);
    for (let m = slot; m < slot + 15; m++) counts[m - START] = perMinute;
    const levels = levelsBetween(counts, slot + 4, slot + 15).map((r) => r.level);
    expect(levels).toContain('warning');
    expect(levels).not.toContain('outage');
  });

  it('rejects a time that is not a number instead of answering nonsense', () => {
    expect(() => detectLevel({ now: Number.NaN, countAt: () => 0 })).toThrow(/epoch milliseconds/);
  });

  it('reads no further back than DETECTOR_HISTORY_MINUTES, even during a day-long outage', () => {
    const counts = history(120);
    const now = START + HISTORY - 1;
    for (let m = now - 26 * 60; m <= now; m++) counts[m - START]! += 60;
    let oldest = Infinity;
    const result = detectLevel({
      now: at(now),
      countAt: (minute) => {
        oldest = Math.min(oldest, minute);
        return counts[minute - START] ?? 0;
      },
    });
    expect(result.level).toBe('outage');
    expect(now - oldest).toBeLessThan(DETECTOR_HISTORY_MINUTES);
    expect(result.since).toBe(at(now - DETECTOR_PARAMS.maxReplayMinutes));
  });
});

describe('slotStatistics', () => {
  const bursty = (seed: number) =>
    ordinaryCounts(createRandom(seed), { perHour: 240, utcOffsetHours: 0, burstShape: 3 }, START, HISTORY);
  const steady = (seed: number) =>
    ordinaryCounts(createRandom(seed), { perHour: 240, utcOffsetHours: 0, burstShape: 1000 }, START, HISTORY);
  const slot = lastDayStart + 600 - ((lastDayStart + 600) % 15);

  it('gives a bursty service a wider noise model (smaller size) than a steady one of the same volume', () => {
    const sizes = (make: (seed: number) => Uint32Array) =>
      [1, 2, 3, 4, 5].map((seed) => slotStatistics(countsReader(make(seed), START), slot).size);
    const burstySizes = sizes(bursty);
    expect(sizes(steady).every((s) => s === 10)).toBe(true);
    expect(burstySizes.reduce((a, b) => a + b, 0) / burstySizes.length).toBeLessThan(6);
  });

  it('does not widen the noise model because of an earlier outage', () => {
    const counts = steady(1);
    const before = slotStatistics(countsReader(counts, START), slot);
    for (let m = slot - 2 * WEEK_MINUTES - 60; m < slot - 2 * WEEK_MINUTES + 60; m++) counts[m - START]! += 100;
    const after = slotStatistics(countsReader(counts, START), slot);
    expect(after.size).toBe(before.size);
    expect(after.mean).toBeLessThan(before.mean * 1.1);
  });
});
