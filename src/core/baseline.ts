// The usual number of reports in a 15-minute slot of the week, learned from
// the same slot (and its two neighbours) in each of the 4 previous weeks.
// Twelve samples, summarised robustly: a sample far above the median (an
// earlier outage, a viral moment) is replaced by the median, so one bad week
// cannot inflate the baseline and hide the next outage.

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

/**
 * An upper limit for an ordinary sample: a few Poisson standard deviations above the median, plus a small
 * constant so that sparse services (median 0 or 1) keep their ordinary ups and downs.
 */
function outlierLimit(typical: number): number {
  return typical + 3 * Math.sqrt(typical) + 3;
}

/**
 * Expected reports in the 15-minute slot [slotStartMinute, slotStartMinute + 15) learned from the 4 weeks
 * before it (robust to earlier outages, with a floor). A slot start that is not a multiple of 15 is rounded
 * down to its slot. Cost: 180 `countAt` calls.
 */
export function baselineFor(countAt: (minute: number) => number, slotStartMinute: number): number {
  const slotStart = Math.floor(slotStartMinute / SLOT_MINUTES) * SLOT_MINUTES;
  const samples: number[] = [];
  for (let week = 1; week <= BASELINE_WEEKS; week++) {
    for (let n = -BASELINE_NEIGHBOUR_SLOTS; n <= BASELINE_NEIGHBOUR_SLOTS; n++) {
      samples.push(slotCount(countAt, slotStart - week * WEEK_MINUTES + n * SLOT_MINUTES));
    }
  }
  samples.sort((a, b) => a - b);
  const typical = median(samples);
  const limit = outlierLimit(typical);
  let sum = 0;
  for (const s of samples) sum += s > limit ? typical : s;
  return Math.max(BASELINE_FLOOR, sum / samples.length);
}
