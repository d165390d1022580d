// The usual number of reports in a 15-minute slot of the week, learned from
// the same slot (and its two neighbours) in each of the 4 previous weeks.
// Twelve samples, summarised robustly: a sample far above the median (an
// earlier outage, a viral moment) is replaced by the median, so one bad week
// cannot inflate the baseline and hide the next outage. Their spread also
// tells the detector how bursty the service usually is at that time.

export const SLOT_MINUTES = 15;
export const WEEK_MINUTES = 7 * 24 * 60;
export const BASELINE_WEEKS = 4;
/** Slots on each side of the same slot that also count as samples (absorbs small shifts of the daily curve). */
export const BASELINE_NEIGHBOUR_SLOTS = 1;
/**
 * The least baseline, in reports per 15 minutes. A service with little or no history is not "expected" to
 * have zero reports, or else any single report would look infinitely surprising.
 */
export const BASELINE_FLOOR = 0.5;

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
  /** Negative binomial size describing how much the slot's count varies from week to week beyond Poisson. */
  size: number;
}

/**
 * The statistics of the 15-minute slot [slotStartMinute, slotStartMinute + 15) learned from the 4 weeks before
 * it. Spread is measured robustly (median absolute deviation, never below Poisson's √median), so a bursty
 * service keeps its ordinary busy half-hours while a sample far above the spread — an earlier outage — is
 * replaced by the median before averaging. Cost: 180 `countAt` calls.
 */
export function slotStatistics(countAt: (minute: number) => number, slotStartMinute: number): SlotStatistics {
  const slotStart = Math.floor(slotStartMinute / SLOT_MINUTES) * SLOT_MINUTES;
  const samples: number[] = [];
  for (let week = 1; week <= BASELINE_WEEKS; week++) {
    for (let n = -BASELINE_NEIGHBOUR_SLOTS; n <= BASELINE_NEIGHBOUR_SLOTS; n++) {
      samples.push(slotCount(countAt, slotStart - week * WEEK_MINUTES + n * SLOT_MINUTES));
    }
  }
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
  const variance = (squares - samples.length * cleanMean * cleanMean) / (samples.length - 1);
  const mean = Math.max(BASELINE_FLOOR, cleanMean);
  // Variance beyond Poisson, per mean²: 1/size of a negative binomial. Measured on the cleaned samples, so a
  // service whose ordinary weeks differ a lot gets a wider noise model, and an earlier outage does not.
  const extra = (variance - mean) / (mean * mean);
  const size = extra > 0 ? Math.min(MAX_DISPERSION_SIZE, Math.max(MIN_DISPERSION_SIZE, Math.floor(1 / extra))) : MAX_DISPERSION_SIZE;
  return { mean, size };
}

/**
 * Expected reports in the 15-minute slot [slotStartMinute, slotStartMinute + 15) learned from the 4 weeks
 * before it (robust to earlier outages, with a floor). A slot start that is not a multiple of 15 is rounded
 * down to its slot. Cost: 180 `countAt` calls.
 */
export function baselineFor(countAt: (minute: number) => number, slotStartMinute: number): number {
  return slotStatistics(countAt, slotStartMinute).mean;
}
