// Incidents as people read them (docs/incidents.md): the detector's level
// (detector.ts) wrapped in the incident it belongs to. An incident starts at
// the first minute whose raw level is raised and lasts until the level has
// stayed `ok` for LIMITS.incidentHoldMinutes; during that hold the level reads
// `recovering`, and a new rise within it continues the same incident. `since`
// is the incident's start, so it does not move while the level steps down.
//
// Like the detector this keeps no state: the level is `ok` at a minute exactly
// when the raw levels of the last `clearMinutes` minutes are all ok (the
// detector's hysteresis), so an incident has closed once CLOSING_RUN_MINUTES
// raw-ok minutes follow its last raised minute. The current incident is found
// by walking back from now to such a run, then replayed forward for its peak.
import { DETECTOR_PARAMS, detectLevel, Evaluator, type DetectorInput } from './detector.ts';
import { INCIDENT_LEVELS, LIMITS, WINDOW_MINUTES, type IncidentLevel, type Level } from './protocolValues.ts';

const MINUTE_MS = 60_000;
const { clearMinutes, maxReplayMinutes } = DETECTOR_PARAMS;
/**
 * Raw-ok minutes in a row that end an incident: after `clearMinutes` of them the level is ok, and the
 * incident is `recovering` for the next incidentHoldMinutes - 1 and the minute that ends the run, so for
 * exactly the hold.
 */
export const CLOSING_RUN_MINUTES = clearMinutes + LIMITS.incidentHoldMinutes;

/** One incident of one service, open (`endMinute` null) or closed. */
export interface Incident {
  /** Epoch minute of its first raised minute. */
  startMinute: number;
  /** Epoch minute the level returned to `ok` for good (the first minute of the hold that ended it); null while open. */
  endMinute: number | null;
  /**
   * The highest 15-minute count while the level was raised (the earliest window, when several tie), the
   * last minute of that window, and its end (epoch ms: the end of that minute, as for `count`).
   */
  peak: number;
  peakMinute: number;
  peakAt: number;
  /** The highest level it reached. */
  peakLevel: IncidentLevel;
}

export interface IncidentStatus {
  level: Level;
  /** Reports in the last 15 minutes, the current minute included. */
  count: number;
  /** Expected reports in a 15-minute window at this time of day and week. */
  baseline: number;
  /** The detector's `learning` (docs/detector.md). */
  learning: boolean;
  /** Epoch ms the current incident began; null when there is none (`ok`). */
  since: number | null;
  peak: { count: number; t: number } | null;
  /** The current incident (open), for the incident history. */
  incident: Incident | null;
}

/**
 * Replays an incident from `startMinute` up to the minute of `now`: it closes at the first run of
 * CLOSING_RUN_MINUTES raw-ok minutes, else it is still open. `rawAt` gives the detector's raw level.
 */
function replay(countAt: (minute: number) => number, rawAt: (minute: number) => number, startMinute: number, now: number): Incident {
  const nowMinute = Math.floor(now / MINUTE_MS);
  const count = (m: number) => Math.max(0, countAt(m));
  let windowSum = 0;
  for (let m = startMinute - WINDOW_MINUTES; m < startMinute; m++) windowSum += count(m);
  let lastRaised = startMinute;
  let okRun = 0;
  let topRank = 1;
  let peak = -1;
  let peakMinute = startMinute;
  for (let m = startMinute; m <= nowMinute; m++) {
    windowSum += count(m) - count(m - WINDOW_MINUTES);
    const rank = rawAt(m);
    if (rank > 0) {
      lastRaised = m;
      okRun = 0;
      if (rank > topRank) topRank = rank;
    } else if (++okRun >= CLOSING_RUN_MINUTES) {
      break;
    }
    // The level stays raised for clearMinutes - 1 minutes after the last raised raw minute (the hysteresis).
    if (m <= lastRaised + clearMinutes - 1 && windowSum > peak) {
      peak = windowSum;
      peakMinute = m;
    }
  }
  return {
    startMinute,
    endMinute: okRun >= CLOSING_RUN_MINUTES ? lastRaised + clearMinutes : null,
    peak: Math.max(peak, 0),
    peakMinute,
    peakAt: (peakMinute + 1) * MINUTE_MS,
    peakLevel: INCIDENT_LEVELS[topRank - 1]!,
  };
}

/** The level, count, baseline, incident start and peak of a service at `now`. */
export function incidentStatus(input: DetectorInput): IncidentStatus {
  const ev = new Evaluator(input.countAt, input.history, input.supportedAt);
  const detected = detectLevel(input, ev);
  const nowMinute = Math.floor(input.now / MINUTE_MS);
  const rawLevel = (minute: number) => ev.rawRank(minute);
  const raws: number[] = []; // raws[i] is the raw level of minute nowMinute - i
  let oldestRaised = -1;
  let okRun = 0;
  for (let i = 0; i <= maxReplayMinutes && okRun < CLOSING_RUN_MINUTES; i++) {
    const rank = rawLevel(nowMinute - i);
    raws.push(rank);
    if (rank > 0) {
      oldestRaised = i;
      okRun = 0;
    } else {
      okRun++;
    }
  }
  const base = { count: detected.count, baseline: detected.baseline, learning: detected.learning };
  if (oldestRaised < 0) return { ...base, level: 'ok', since: null, peak: null, incident: null };
  const rawAt = (minute: number) => raws[nowMinute - minute] ?? rawLevel(minute);
  const incident = replay(input.countAt, rawAt, nowMinute - oldestRaised, input.now);
  return {
    ...base,
    level: detected.level === 'ok' ? 'recovering' : detected.level,
    since: incident.startMinute * MINUTE_MS,
    peak: { count: incident.peak, t: incident.peakAt },
    incident,
  };
}

/**
 * The incident that started at `startMinute`, replayed up to `now` (at most maxReplayMinutes back): whether
 * and when it ended, and its peak. How a recorded open incident is brought up to date or closed.
 */
export function incidentFrom(
  countAt: (minute: number) => number, startMinute: number, now: number, history?: DetectorInput['history'],
  supportedAt?: DetectorInput['supportedAt'],
): Incident {
  const from = Math.max(startMinute, Math.floor(now / MINUTE_MS) - maxReplayMinutes);
  const ev = new Evaluator(countAt, history, supportedAt);
  return { ...replay(countAt, (minute) => ev.rawRank(minute), from, now), startMinute };
}
