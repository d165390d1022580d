// The baseline's fallback chain (docs/detector.md, "How the baseline is
// learned"): each rung on the history it needs, the learning flag, and the
// finding it answers: a steady service on a fresh server judged against the
// floor of 0.5 reports per 15 minutes.
import { describe, expect, it } from 'vitest';
import {
  BASELINE_FLOOR, DAY_MINUTES, LEARNING_PARAMS, slotStatistics, WEEK_MINUTES, type BaselineHistory,
} from '../../src/core/baseline.ts';
import { detectLevel } from '../../src/core/detector.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { countsReader } from '../../server/sim/scenarios/series.ts';

const SERVER_START = Math.floor(Date.UTC(2026, 0, 5, 9) / 60_000); // epoch minute, a slot start
const at = (minute: number) => minute * 60_000;

/** Poisson counts at `perSlot` reports per 15 minutes for `minutes` minutes from SERVER_START. */
function steady(perSlot: number, minutes: number, seed = 1): Uint32Array {
  const rng = createRandom(seed);
  return Uint32Array.from({ length: minutes }, () => rng.poisson(perSlot / 15));
}

const fresh: BaselineHistory = { serverFrom: SERVER_START, serviceFrom: SERVER_START };

describe('slotStatistics fallback chain', () => {
  it('uses the 4 previous weeks once the service has them (not learning)', () => {
    const counts = steady(40, 4 * WEEK_MINUTES + DAY_MINUTES);
    const slot = SERVER_START + 4 * WEEK_MINUTES + 60;
    const stats = slotStatistics(countsReader(counts, SERVER_START), slot, fresh);
    expect(stats.rung).toBe('weekly');
    expect(stats.mean).toBeGreaterThan(30);
    expect(stats.mean).toBeLessThan(50);
    // A caller that gives no history information has the 4 weeks taken as known.
    expect(slotStatistics(countsReader(counts, SERVER_START), slot)).toEqual(stats);
  });

  it('falls back to the same slot on previous days with 2 days to 4 weeks of history', () => {
    const counts = steady(40, 3 * DAY_MINUTES);
    const slot = SERVER_START + 2 * DAY_MINUTES + 60;
    const stats = slotStatistics(countsReader(counts, SERVER_START), slot, fresh);
    expect(stats.rung).toBe('daily');
    expect(stats.mean).toBeGreaterThan(30);
    expect(stats.mean).toBeLessThan(50);
  });

  it('daily rung follows the daily curve: yesterday’s busy hour, not the quiet hours before it', () => {
    // 4 reports per 15 minutes, except 60 from 20:00 to 21:00 every day.
    const minutes = 3 * DAY_MINUTES;
    const counts = Uint32Array.from({ length: minutes }, (_, i) => {
      const hour = Math.floor(((i + 9 * 60) % DAY_MINUTES) / 60);
      return hour === 20 ? 4 : (i % 15 < 4 ? 1 : 0);
    });
    const eveningSlot = SERVER_START + 2 * DAY_MINUTES + 11 * 60 + 15; // 20:15 UTC on day 3
    const stats = slotStatistics(countsReader(counts, SERVER_START), eveningSlot, fresh);
    expect(stats.rung).toBe('daily');
    expect(stats.mean).toBeGreaterThan(40);
  });

  it('falls back to the recent hours before 2 days of history, leaving out the slot just before', () => {
    const counts = steady(40, 5 * 60);
    const slot = SERVER_START + 4 * 60;
    const stats = slotStatistics(countsReader(counts, SERVER_START), slot, fresh);
    expect(stats.rung).toBe('recent');
    expect(stats.mean).toBeGreaterThan(30);
    expect(stats.mean).toBeLessThan(50);
    // A burst in the slot just before the judged one is not part of its baseline.
    const burst = counts.slice();
    for (let m = slot - 15; m < slot; m++) burst[m - SERVER_START] = 500;
    expect(slotStatistics(countsReader(burst, SERVER_START), slot, fresh).mean).toBe(stats.mean);
  });

  it('recent rung: an incident shorter than half its window does not teach itself', () => {
    const counts = steady(20, 7 * 60);
    const slot = SERVER_START + 7 * 60;
    const before = slotStatistics(countsReader(counts, SERVER_START), slot, fresh).mean;
    // 2 hours at 10× (within the 6-hour window, before the left-out slot).
    for (let m = slot - 150; m < slot - 30; m++) counts[m - SERVER_START]! += 13;
    const during = slotStatistics(countsReader(counts, SERVER_START), slot, fresh);
    expect(during.rung).toBe('recent');
    expect(during.mean).toBeLessThan(before * 1.5);
  });

  it('recent rung counts the server’s silent hours before a service’s first report: a never-seen domain’s burst stays surprising', () => {
    const counts = new Uint32Array(6 * 60);
    for (let m = 5 * 60; m < 6 * 60; m++) counts[m]! = 12; // first reports ever, 5 hours after the server started
    const history: BaselineHistory = { serverFrom: SERVER_START, serviceFrom: SERVER_START + 5 * 60 };
    const stats = slotStatistics(countsReader(counts, SERVER_START), SERVER_START + 6 * 60 - 15, history);
    expect(stats.rung).toBe('recent');
    expect(stats.mean).toBe(BASELINE_FLOOR);
    expect(detectLevel({ now: at(SERVER_START + 6 * 60 - 1), countAt: countsReader(counts, SERVER_START), history }).level).toBe('outage');
  });

  it('has no baseline in the server’s first hour: the level stays ok and learning', () => {
    const counts = steady(1500, 60); // 100 a minute from the first minute
    const countAt = countsReader(counts, SERVER_START);
    expect(slotStatistics(countAt, SERVER_START + 45, fresh).rung).toBe('none');
    const result = detectLevel({ now: at(SERVER_START + 59), countAt, history: fresh });
    expect(result).toMatchObject({ level: 'ok', learning: true });
    // Without the first minutes, the same counts are judged against the floor.
    expect(detectLevel({ now: at(SERVER_START + 59), countAt }).level).toBe('outage');
  });

  it('a server with no count at all has no baseline', () => {
    const stats = slotStatistics(() => 0, SERVER_START, { serverFrom: Infinity, serviceFrom: null });
    expect(stats.rung).toBe('none');
  });

  it('the rungs switch at the documented history lengths', () => {
    const countAt = countsReader(steady(40, 5 * WEEK_MINUTES), SERVER_START);
    const rungAfter = (minutes: number) => slotStatistics(countAt, SERVER_START + minutes, fresh).rung;
    const recentStart = (LEARNING_PARAMS.recentGapSlots + LEARNING_PARAMS.recentMinSlots) * 15;
    expect(rungAfter(recentStart - 15)).toBe('none');
    expect(rungAfter(recentStart)).toBe('recent');
    expect(rungAfter(LEARNING_PARAMS.minDays * DAY_MINUTES)).toBe('recent');
    expect(rungAfter(LEARNING_PARAMS.minDays * DAY_MINUTES + 15)).toBe('daily');
    expect(rungAfter(4 * WEEK_MINUTES)).toBe('daily');
    expect(rungAfter(4 * WEEK_MINUTES + 15)).toBe('weekly');
  });
});

describe('the finding: a steady service on a fresh server', () => {
  it.each([1, 2, 3, 4])('steady 20 per 15 minutes for its first day is ok every minute and learning (seed %i)', (seed) => {
    const counts = steady(20, DAY_MINUTES, seed);
    const countAt = countsReader(counts, SERVER_START);
    const raised: number[] = [];
    for (let m = SERVER_START; m < SERVER_START + DAY_MINUTES; m++) {
      const result = detectLevel({ now: at(m + 1) - 1, countAt, history: fresh });
      expect(result.learning).toBe(true);
      if (result.level !== 'ok') raised.push(m - SERVER_START);
    }
    expect(raised).toEqual([]);
  });
});
