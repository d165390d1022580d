import { describe, expect, it } from 'vitest';
import { DETECTOR_PARAMS, detectLevel } from '../../src/core/detector.ts';
import { CLOSING_RUN_MINUTES, incidentFrom, incidentStatus, type IncidentStatus } from '../../src/core/incidents.ts';
import { LEVELS, LIMITS } from '../../src/core/protocolValues.ts';
import { meta2021 } from '../../server/sim/scenarios/meta2021.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { countsReader, ordinaryCounts, WEEK_MINUTES } from '../../server/sim/scenarios/series.ts';
import { twitter2022 } from '../../server/sim/scenarios/twitter2022.ts';
import { totalCounts, type Scenario } from '../../server/sim/scenarios/types.ts';

const at = (minute: number) => minute * 60_000;
const HOLD = LIMITS.incidentHoldMinutes;

interface Step {
  minute: number;
  status: IncidentStatus;
}

/** The status at the end of every minute in [from, to). */
function walk(countAt: (minute: number) => number, from: number, to: number): Step[] {
  const steps: Step[] = [];
  for (let m = from; m < to; m++) steps.push({ minute: m, status: incidentStatus({ now: at(m + 1) - 1, countAt }) });
  return steps;
}

/** Runs of steps whose level is not ok: the incidents as a reader of the API would see them. */
function episodes(steps: readonly Step[]): Step[][] {
  const out: Step[][] = [];
  let current: Step[] | null = null;
  for (const step of steps) {
    if (step.status.level === 'ok') current = null;
    else if (current) current.push(step);
    else out.push((current = [step]));
  }
  return out;
}

/** One incident read end to end: one `since` throughout, a peak that only grows, and a recovering tail of the hold. */
function expectOneReadableIncident(steps: readonly Step[], injectedStart: number): Step[] {
  const found = episodes(steps);
  expect(found).toHaveLength(1);
  const incident = found[0]!;
  const since = incident[0]!.status.since!;
  expect(new Set(incident.map((s) => s.status.since))).toEqual(new Set([since]));
  expect(since).toBeGreaterThanOrEqual(at(injectedStart));
  expect(since).toBeLessThanOrEqual(at(incident[0]!.minute));
  const peaks = incident.map((s) => s.status.peak!.count);
  expect(peaks.every((p, i) => i === 0 || p >= peaks[i - 1]!)).toBe(true);
  // Recovering comes last, lasts the hold, and nothing raised follows it.
  const firstRecovering = incident.findIndex((s) => s.status.level === 'recovering');
  expect(firstRecovering).toBeGreaterThan(0);
  const tail = incident.slice(firstRecovering);
  expect(tail.every((s) => s.status.level === 'recovering')).toBe(true);
  expect(tail).toHaveLength(HOLD);
  return incident;
}

function scenarioService(scenario: Scenario, id: string) {
  const service = scenario.services.find((s) => s.id === id)!;
  return { service, countAt: countsReader(totalCounts(service), scenario.startMinute) };
}

describe('incidentStatus on the simulator scenarios', () => {
  it('Meta, 4 October 2021: one incident per service, since fixed from start to end, then recovering, then ok', () => {
    const scenario = meta2021();
    for (const id of ['facebook', 'instagram', 'whatsapp']) {
      const { service, countAt } = scenarioService(scenario, id);
      const injected = service.incidents[0]!;
      const steps = walk(countAt, injected.start - 30, injected.end + 90);
      const incident = expectOneReadableIncident(steps, injected.start);
      // The level steps down from outage while since stays at the start.
      expect(incident.some((s) => s.status.level === 'outage')).toBe(true);

      // Once over, the replay of the same incident closes it where the hold began, with the peak the API showed.
      const last = incident[incident.length - 1]!;
      const firstRecovering = incident.find((s) => s.status.level === 'recovering')!;
      const closed = incidentFrom(countAt, last.status.since! / 60_000, at(last.minute + 2));
      expect(closed.endMinute).toBe(firstRecovering.minute);
      expect(closed.peak).toBe(last.status.peak!.count);
      expect(closed.peakLevel).toBe('outage');
      expect(closed.peak).toBeGreaterThan(10 * last.status.baseline);
    }
  }, 120_000); // ~2,000 evaluations, each replaying up to 7 hours: seconds, more on a busy machine


  it('X, 14 July 2022: one incident, since fixed, peak at the chart peak (8:13 EDT), then recovering', () => {
    const scenario = twitter2022();
    const { service, countAt } = scenarioService(scenario, 'x');
    const injected = service.incidents[0]!;
    const incident = expectOneReadableIncident(walk(countAt, injected.start - 60, injected.end + 120), injected.start);
    const peak = incident[incident.length - 1]!.status.peak!;
    // The 15-minute window holding the most reports ends shortly after the per-minute peak at 8:13 EDT.
    const chartPeak = Date.parse('2022-07-14T08:13-04:00');
    expect(peak.t).toBeGreaterThan(chartPeak);
    expect(peak.t).toBeLessThan(chartPeak + 15 * 60_000);
    expect(incident.some((s) => s.status.level === 'outage')).toBe(true);
  }, 60_000);
});

describe('incidentStatus on constructed traffic', () => {
  const START = Math.floor(Date.UTC(2026, 0, 5) / 60_000);
  const HISTORY = 4 * WEEK_MINUTES + 2 * 24 * 60;
  const onset = START + HISTORY - 24 * 60 + 600;
  const quiet = () => ordinaryCounts(createRandom(7), { perHour: 120, utcOffsetHours: 0 }, START, HISTORY);
  const surge = (counts: Uint32Array, from: number, minutes: number, extra: number) => {
    for (let m = from; m < from + minutes; m++) counts[m - START]! += extra;
  };

  it('is ok with no since and no peak on ordinary traffic', () => {
    const countAt = countsReader(quiet(), START);
    for (const step of walk(countAt, onset, onset + 120)) {
      expect(step.status).toMatchObject({ level: 'ok', since: null, peak: null, incident: null });
    }
  });

  it('a second rise within the hold continues the same incident; one after the hold starts a new one', () => {
    const counts = quiet();
    surge(counts, onset, 30, 40);
    const secondRise = onset + 30 + DETECTOR_PARAMS.clearMinutes + 10; // while recovering
    surge(counts, secondRise, 20, 40);
    const thirdRise = secondRise + 20 + CLOSING_RUN_MINUTES + 20; // after the incident closed
    surge(counts, thirdRise, 20, 40);
    const countAt = countsReader(counts, START);
    const steps = walk(countAt, onset - 10, thirdRise + 120);
    const found = episodes(steps);
    expect(found).toHaveLength(2);
    const [first, second] = found as [Step[], Step[]];
    expect(new Set(first.map((s) => s.status.since)).size).toBe(1);
    expect(first.some((s) => s.minute > secondRise && s.status.level === 'outage')).toBe(true);
    expect(first.some((s) => s.minute < secondRise && s.status.level === 'recovering')).toBe(true);
    expect(second[0]!.status.since).toBeGreaterThanOrEqual(at(thirdRise));
    const levels = steps.map((s) => LEVELS.indexOf(s.status.level));
    expect(Math.max(...levels)).toBe(LEVELS.indexOf('outage'));
  });

  it('keeps an open incident open in the replay until the hold has run out', () => {
    const counts = quiet();
    surge(counts, onset, 30, 40);
    const countAt = countsReader(counts, START);
    const during = incidentStatus({ now: at(onset + 20), countAt });
    expect(during.level).toBe('outage');
    const start = during.incident!.startMinute;
    expect(incidentFrom(countAt, start, at(onset + 40)).endMinute).toBeNull();
    const closed = incidentFrom(countAt, start, at(onset + 30 + CLOSING_RUN_MINUTES + 5));
    expect(closed.endMinute).not.toBeNull();
    // The end is the first minute the detector's level is back at ok.
    const end = closed.endMinute!;
    expect(end).toBeGreaterThan(onset + 30);
    expect(detectLevel({ now: at(end - 1) + 59_999, countAt }).level).not.toBe('ok');
    expect(detectLevel({ now: at(end) + 59_999, countAt }).level).toBe('ok');
  });
});
