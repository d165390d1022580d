// Time in the storage layer is counted in epoch minutes (the counters' unit).
export const MINUTE_MS = 60_000;

/** The epoch minute holding `ms`, or a duration in whole minutes. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS);
}
