// The outage detector (docs/detector.md): a pure function from a service's
// per-minute report counts to its level, count, baseline and since when.
//
// Method, per minute t:
//  1. expected: the baseline of each minute's 15-minute slot (baseline.ts), over the last LEVEL_WINDOW minutes;
//  2. evidence: the reports in those minutes minus the busiest single minute, so one noisy minute alone can
//     never raise a level, and an excess must show in at least two minutes;
//  3. raw level: `outage` / `warning` when the evidence is both improbable under a negative binomial around
//     the expected count (p ≤ alpha) and at least a minimum count;
//  4. hysteresis: a higher raw level takes effect at once (it already needed two minutes of excess); the level
//     comes down only to the highest raw level of the last `clearMinutes` minutes, so it takes that many quiet
//     minutes in a row to clear, and one quiet minute in an outage changes nothing.
// The detector keeps no state: it walks back from now until `clearMinutes` raw-ok minutes in a row (where the
// level must have been ok whatever came before), then replays forward to now, which gives `since`.
//
// Cost per call (`npm run eval:detector` measures it): a service at ok reads ~5 raw minutes plus 1–2 slot
// baselines (180 countAt calls each), ≈ 5 µs. During an outage the walk covers the outage's length (capped at
// maxReplayMinutes), reading one slot baseline per 15 minutes walked: ≈ 80 µs 7 hours in, ≈ 250 µs at the cap.

import type { Level } from './protocol.ts';
import {
  MAX_DISPERSION_SIZE, MIN_DISPERSION_SIZE, SLOT_MINUTES, slotStatistics, type BaselineHistory, type SlotStatistics,
} from './baseline.ts';
import { negativeBinomialCritical } from './detector/significance.ts';

export { baselineFor, type BaselineHistory } from './baseline.ts';

export interface DetectorInput {
  /** Evaluation time, epoch ms. The current minute is Math.floor(now / 60_000) ("epoch minute"). */
  now: number;
  /** Counted reports of this service in epoch minute `minute`; 0 when none. O(1), called many times. */
  countAt(minute: number): number;
  /** How much history the server holds for the service; without it, 4 weeks are taken as known. */
  history?: BaselineHistory;
  /**
   * Whether reports from enough distinct networks stand behind `minute` for a level above `ok` (docs/privacy-and-trust.md:
   * a level one network alone produced is impossible). Absent: every minute is.
   */
  supportedAt?(minute: number): boolean;
}

/** The detector's own levels; `recovering` belongs to the incident around them (incidents.ts). */
export type DetectorLevel = Exclude<Level, 'recovering'>;

export interface DetectorResult {
  level: DetectorLevel;
  /** Reports in the last 15 minutes, the current minute included. */
  count: number;
  /** Expected reports in a 15-minute window at this time of day and week. */
  baseline: number;
  /** Epoch ms when the current level began (null for 'ok'). */
  since: number | null;
  /** True while the baseline of the current slot comes from less than 4 weeks of history (docs/detector.md). */
  learning: boolean;
}

/** The tuned parameters, exported so the README, the evaluation and the tests quote the real values. */
export const DETECTOR_PARAMS = Object.freeze({
  /** Minutes of reports a raw level is judged on (short, so an outage clears soon after it ends). */
  levelWindowMinutes: 5,
  /** Negative binomial size (variance = mean + mean²/size): estimated per slot from the history, within these. */
  maxDispersionSize: MAX_DISPERSION_SIZE,
  minDispersionSize: MIN_DISPERSION_SIZE,
  warningAlpha: 1e-6,
  outageAlpha: 1e-8,
  /** Least evidence (reports in the window without its busiest minute) for each level. */
  warningMinCount: 5,
  outageMinCount: 10,
  /** Minutes in a row below the current level before it is lowered (to the highest of those minutes). */
  clearMinutes: 5,
  /** Longest stretch replayed to find `since` (a level older than this reports `since` at the cap). */
  maxReplayMinutes: 23 * 60,
} as const);

const MINUTE_MS = 60_000;
const COUNT_WINDOW_MINUTES = 15;
/** 4 weeks of baseline history behind the oldest replayed slot, plus that replay. */
export const DETECTOR_HISTORY_MINUTES = 29 * 24 * 60;

const LEVEL_BY_RANK: readonly DetectorLevel[] = ['ok', 'warning', 'outage'];

/**
 * Critical counts by dispersion size and expected mean, shared across calls: the same baselines come back
 * every few seconds, and each entry costs O(threshold) to compute. Bounded by clearing when full. Sizes
 * are whole numbers, so they index an array of maps keyed by the mean.
 */
const criticalsBySize: Map<number, readonly [number, number]>[] = [];
const MAX_CACHED_CRITICALS = 4096;

function critical(mean: number, size: number): readonly [number, number] {
  const criticals = (criticalsBySize[size] ??= new Map());
  let c = criticals.get(mean);
  if (c === undefined) {
    if (criticals.size >= MAX_CACHED_CRITICALS) criticals.clear();
    const p = DETECTOR_PARAMS;
    c = [
      Math.max(p.warningMinCount, negativeBinomialCritical(mean, size, p.warningAlpha)),
      Math.max(p.outageMinCount, negativeBinomialCritical(mean, size, p.outageAlpha)),
    ];
    criticals.set(mean, c);
  }
  return c;
}

/**
 * Per-call memo of slot statistics: neighbouring minutes share them. Exported so the incident around the
 * level (incidents.ts) reads the same raw levels through the same memo.
 */
export class Evaluator {
  private readonly slots = new Map<number, SlotStatistics>();
  constructor(
    private readonly countAt: (minute: number) => number,
    private readonly history: BaselineHistory | undefined,
    private readonly supportedAt?: (minute: number) => boolean,
  ) {}

  slotOf(minute: number): SlotStatistics {
    const slot = Math.floor(minute / SLOT_MINUTES) * SLOT_MINUTES;
    let stats = this.slots.get(slot);
    if (stats === undefined) {
      stats = slotStatistics(this.countAt, slot, this.history);
      this.slots.set(slot, stats);
    }
    return stats;
  }

  /** Expected reports in one minute (its slot's baseline spread evenly over the slot). */
  expectedAt(minute: number): number {
    return this.slotOf(minute).mean / SLOT_MINUTES;
  }

  count(minute: number): number {
    const c = this.countAt(minute);
    return c > 0 ? c : 0;
  }

  /** The raw level (0 ok, 1 warning, 2 outage) of the evidence in the window ending at `minute`. */
  rawRank(minute: number): number {
    const w = DETECTOR_PARAMS.levelWindowMinutes;
    let sum = 0;
    let busiest = 0;
    let expected = 0;
    let size = MAX_DISPERSION_SIZE;
    for (let m = minute - w + 1; m <= minute; m++) {
      const c = this.count(m);
      sum += c;
      if (c > busiest) busiest = c;
      const slot = this.slotOf(m);
      if (slot.rung === 'none') return 0; // no history to judge against yet
      expected += slot.mean / SLOT_MINUTES;
      if (slot.size < size) size = slot.size; // the burstier slot decides
    }
    const evidence = sum - busiest;
    if (evidence < DETECTOR_PARAMS.warningMinCount) return 0;
    if (this.supportedAt !== undefined && !this.supportedAt(minute)) return 0;
    const [warnAt, outageAt] = critical((expected * (w - 1)) / w, size);
    if (evidence >= outageAt) return 2;
    return evidence >= warnAt ? 1 : 0;
  }
}

/** `ev`: an Evaluator over input.countAt to share its memo with other readers of the same counts. */
export function detectLevel(input: DetectorInput, ev: Evaluator = new Evaluator(input.countAt, input.history, input.supportedAt)): DetectorResult {
  if (!Number.isFinite(input.now)) throw new RangeError(`detectLevel: now must be epoch milliseconds, got ${input.now}`);
  const nowMinute = Math.floor(input.now / MINUTE_MS);
  const { clearMinutes, maxReplayMinutes } = DETECTOR_PARAMS;

  // Walk back to a run of `clearMinutes` raw-ok minutes: the level is ok at its end, whatever came before.
  const raw: number[] = []; // raw[i] is the raw rank of minute nowMinute - i
  let okRun = 0;
  for (let i = 0; i <= maxReplayMinutes && okRun < clearMinutes; i++) {
    const r = ev.rawRank(nowMinute - i);
    raw.push(r);
    okRun = r === 0 ? okRun + 1 : 0;
  }

  let rank = 0;
  let since: number | null = null;
  for (let i = raw.length - 1; i >= 0; i--) {
    const r = raw[i]!;
    const minuteStart = (nowMinute - i) * MINUTE_MS;
    // The highest raw level of the last `clearMinutes` minutes (fewer at the start of the replay).
    let recent = r;
    for (let j = i + 1; j < i + clearMinutes && j < raw.length; j++) recent = Math.max(recent, raw[j]!);
    if (r > rank) {
      rank = r;
      since = minuteStart;
    } else if (recent < rank && i + clearMinutes <= raw.length) {
      rank = recent;
      since = rank === 0 ? null : minuteStart;
    }
  }

  let count = 0;
  let baseline = 0;
  for (let m = nowMinute - COUNT_WINDOW_MINUTES + 1; m <= nowMinute; m++) {
    count += ev.count(m);
    baseline += ev.expectedAt(m);
  }
  const learning = ev.slotOf(nowMinute).rung !== 'weekly';
  return { level: LEVEL_BY_RANK[rank]!, count, baseline: Math.round(baseline * 100) / 100, since, learning };
}

