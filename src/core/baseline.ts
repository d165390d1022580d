// The usual number of reports in a 15-minute slot, learned from what the
// server has seen of the service (docs/detector.md, "How the baseline is
// learned"). With 4 weeks of history: the same slot (and its two neighbours)
// in each of the 4 previous weeks. With less, a fallback chain: the same slot
// on the previous days, then the recent hours. Samples are summarised
// robustly: a sample far above the median (an earlier outage, a viral
// moment, the first hours of the current incident) is replaced by the
// median, so one bad stretch cannot inflate the baseline and hide the next
// outage. Their spread also tells the detector how bursty the service is.

export const SLOT_MINUTES = 15;
export const DAY_MINUTES = 24 * 60;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
export const BASELINE_WEEKS = 4;
/** Slots on each side of the same slot that also count as samples (absorbs small shifts of the daily curve). */
export const BASELINE_NEIGHBOUR_SLOTS = 1;
/**
 * The least baseline, in reports per 15 minutes. A service with little or no history is not "expected" to
 * have zero reports, or else any single report would look infinitely surprising.
 */
export const BASELINE_FLOOR = 0.5;

/** The fallback chain's settings (docs/detector.md explains each choice). */
export const LEARNING_PARAMS = Object.freeze({
  /** Previous days sampled by the daily rung, at most. */
  maxDays: 7,
  /** Whole previous days of the service's history the daily rung needs. */
  minDays: 2,
  /** Minutes before the slot the recent rung samples (its median ignores an incident shorter than half of it). */
  recentMinutes: 6 * 60,
  /** Slots just before the judged slot left out of the recent rung, so the onset of an incident is never its own baseline. */
  recentGapSlots: 1,
  /** Whole slots of server history the recent rung needs; with fewer there is nothing to judge against. */
  recentMinSlots: 4,
} as const);

/**
 * How much history the server holds for a service. Before `serverFrom` nothing is known; between it and the
 * service's first count the server was collecting and the service had no reports.
 */
export interface BaselineHistory {
  /** First epoch minute the server holds counts for (any service); Infinity when it has none. */
  serverFrom: number;
  /** First epoch minute with a count of this service; null when it has none yet. */
  serviceFrom: number | null;
}

/**
 * Which history a slot's baseline came from: `weekly` (4 weeks, the learned state), `daily`, `recent`, or
 * `none` (the server is too new to judge anything: the detector keeps the level at ok).
 */
export type BaselineRung = 'weekly' | 'daily' | 'recent' | 'none';

/** Reports in the 15 minutes starting at `startMinute`. */
function slotCount(countAt: (minute: number) => number, startMinute: number): number {
  let sum = 0;
  for (let m = startMinute; m < startMinute + SLOT_MINUTES; m++) {
    const c = countAt(m);
    if (c > 0) sum += c; // NaN and negatives from a broken source count as nothing
  }
  return sum;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Consistency factor of the median absolute deviation for a normal spread. */
const MAD_TO_SD = 1.4826;
/**
 * Negative binomial size bounds for the detector's noise model (variance = mean + mean²/size). The size is
 * estimated per slot from the history's spread, but never above MAX (a service is always allowed some
 * burstiness beyond Poisson) nor below MIN.
 */
export const MAX_DISPERSION_SIZE = 10;
export const MIN_DISPERSION_SIZE = 2;

/** What the history says about a 15-minute slot. */
export interface SlotStatistics {
  /** Expected reports in the slot (robust mean, at least BASELINE_FLOOR). */
  mean: number;
  /** Negative binomial size describing how much the slot's count varies beyond Poisson. */
  size: number;
  /** The history it was learned from; anything but `weekly` means the baseline is still learning. */
  rung: BaselineRung;
}

/**
 * Robust mean and dispersion of slot counts. Spread is measured robustly (median absolute deviation, never
 * below Poisson's √median), so a bursty service keeps its ordinary busy half-hours while a sample far above
 * the spread is replaced by the median before averaging.
 */
function robustStatistics(samples: number[], rung: BaselineRung): SlotStatistics {
  samples.sort((a, b) => a - b);
  const typical = median(samples);
  const deviations = samples.map((s) => Math.abs(s - typical)).sort((a, b) => a - b);
  const spread = MAD_TO_SD * median(deviations);
  const limit = typical + 3 * Math.max(spread, Math.sqrt(typical)) + 3;
  let sum = 0;
  let squares = 0;
  for (const s of samples) {
    const kept = s > limit ? typical : s;
    sum += kept;
    squares += kept * kept;
  }
  const cleanMean = sum / samples.length;
  const variance = samples.length > 1 ? (squares - samples.length * cleanMean * cleanMean) / (samples.length - 1) : 0;
  const mean = Math.max(BASELINE_FLOOR, cleanMean);
  // Variance beyond Poisson, per mean²: 1/size of a negative binomial. Measured on the cleaned samples, so a
  // service whose ordinary days differ a lot gets a wider noise model, and an earlier outage does not.
  const extra = (variance - mean) / (mean * mean);
  const size = extra > 0 ? Math.min(MAX_DISPERSION_SIZE, Math.max(MIN_DISPERSION_SIZE, Math.floor(1 / extra))) : MAX_DISPERSION_SIZE;
  return { mean, size, rung };
}

/** The same slot and its neighbours, `periods` periods of `periodMinutes` back. */
function periodicSamples(countAt: (minute: number) => number, slotStart: number, periodMinutes: number, periods: number): number[] {
  const samples: number[] = [];
  for (let p = 1; p <= periods; p++) {
    for (let n = -BASELINE_NEIGHBOUR_SLOTS; n <= BASELINE_NEIGHBOUR_SLOTS; n++) {
      samples.push(slotCount(countAt, slotStart - p * periodMinutes + n * SLOT_MINUTES));
    }
  }
  return samples;
}

/** Whole periods before the slot (with its earlier neighbour) that lie after `from`. */
function periodsSince(from: number, slotStart: number, periodMinutes: number): number {
  return Math.floor((slotStart - BASELINE_NEIGHBOUR_SLOTS * SLOT_MINUTES - from) / periodMinutes);
}

/**
 * The statistics of the 15-minute slot [slotStartMinute, slotStartMinute + 15). Without `history` the
 * 4 previous weeks are taken as known (the learned state). With it, the first rung the history covers:
 * weekly (4 weeks of the service), daily (at least LEARNING_PARAMS.minDays of it), recent (the hours before
 * the slot, counted from the server's start), or none. Cost: at most 180 `countAt` calls (weekly).
 */
export function slotStatistics(countAt: (minute: number) => number, slotStartMinute: number, history?: BaselineHistory): SlotStatistics {
  const slotStart = Math.floor(slotStartMinute / SLOT_MINUTES) * SLOT_MINUTES;
  const from = history ? (history.serviceFrom ?? history.serverFrom) : -Infinity;
  if (periodsSince(from, slotStart, WEEK_MINUTES) >= BASELINE_WEEKS) {
    return robustStatistics(periodicSamples(countAt, slotStart, WEEK_MINUTES, BASELINE_WEEKS), 'weekly');
  }
  const p = LEARNING_PARAMS;
  const days = Math.min(p.maxDays, periodsSince(from, slotStart, DAY_MINUTES));
  if (days >= p.minDays) {
    return robustStatistics(periodicSamples(countAt, slotStart, DAY_MINUTES, days), 'daily');
  }
  const samples: number[] = [];
  const earliest = Math.max(history!.serverFrom, slotStart - p.recentMinutes);
  for (let start = slotStart - (p.recentGapSlots + 1) * SLOT_MINUTES; start >= earliest; start -= SLOT_MINUTES) {
    samples.push(slotCount(countAt, start));
  }
  if (samples.length >= p.recentMinSlots) return robustStatistics(samples, 'recent');
  return { mean: BASELINE_FLOOR, size: MAX_DISPERSION_SIZE, rung: 'none' };
}

/**
 * Expected reports in the 15-minute slot [slotStartMinute, slotStartMinute + 15), learned as slotStatistics
 * does (robust to earlier outages, with a floor). A slot start that is not a multiple of 15 is rounded down
 * to its slot.
 */
export function baselineFor(countAt: (minute: number) => number, slotStartMinute: number, history?: BaselineHistory): number {
  return slotStatistics(countAt, slotStartMinute, history).mean;
}
