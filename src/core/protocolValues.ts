// The wire protocol's value lists and limits (docs/protocol.md), each written
// once. Free of TypeBox so the popup and the content script can import them;
// `protocol.ts` builds the schemas from these lists and re-exports them.
export const PROBLEMS = ['website', 'login', 'feed', 'posting', 'messages', 'video', 'other'] as const;
export const SOURCES = ['manual', 'auto'] as const;
/**
 * The signal kinds (docs/detection.md), in their stored order: the server keeps a
 * report's signals as a bit set, bit i = SIGNALS[i] (`signalBits`). A new kind
 * is appended, never inserted, so stored rows keep their meaning; a test holds
 * the order of the stored kinds.
 */
export const SIGNALS = ['banner', 'feed_stalled', 'logout', 'http_5xx', 'net_error', 'page_error'] as const;
/**
 * Levels ordered by severity (docs/incidents.md): `recovering` is an incident that is still open while
 * the count has fallen back under the warning threshold, so it ranks between `ok` and `warning`.
 */
export const LEVELS = ['ok', 'recovering', 'warning', 'outage'] as const;
/** The levels an incident can peak at (the detector's raised levels). */
export const INCIDENT_LEVELS = ['warning', 'outage'] as const;
export const RESULT_STATUSES = ['counted', 'duplicate', 'suppressed', 'rejected'] as const;

export type Problem = (typeof PROBLEMS)[number];
export type Source = (typeof SOURCES)[number];
export type Signal = (typeof SIGNALS)[number];
export type Level = (typeof LEVELS)[number];
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/**
 * Who sees each kind (docs/detection.md): `page` kinds come from the content script,
 * `network` kinds from the background's webRequest listeners. A record over
 * every kind, so a new kind without its source is a compile error.
 */
export const SIGNAL_SEEN_BY = {
  banner: 'page',
  feed_stalled: 'page',
  logout: 'page',
  http_5xx: 'network',
  net_error: 'network',
  page_error: 'network',
} as const satisfies Record<Signal, 'page' | 'network'>;

/** Signals the content script can see on a page (the rest come from webRequest). */
export type PageSignal = { [K in Signal]: (typeof SIGNAL_SEEN_BY)[K] extends 'page' ? K : never }[Signal];
export type NetworkSignal = Exclude<Signal, PageSignal>;

export const PAGE_SIGNALS: readonly PageSignal[] = SIGNALS.filter((s): s is PageSignal => SIGNAL_SEEN_BY[s] === 'page');

/** The bit set a report's signals are stored as (bit i = SIGNALS[i]). */
export function signalBits(signals: readonly Signal[]): number {
  let bits = 0;
  for (const signal of signals) bits |= 1 << SIGNALS.indexOf(signal);
  return bits;
}

/** The signals of a stored bit set, in protocol order (unknown bits are ignored). */
export function signalsOfBits(bits: number): Signal[] {
  return SIGNALS.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** The counting window (docs/extension.md, docs/protocol.md): one counted report per install and service, and `count` in `/v1/status`. */
export const WINDOW_MINUTES = 15;

const MAX_AGE_MS = 24 * 60 * 60_000;
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** Limits of the protocol, shared by the validator, the server and the extension's queue. */
export const LIMITS = {
  maxBodyBytes: 32 * 1024,
  maxReportsPerRequest: 50,
  maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
  maxAgeMs: MAX_AGE_MS,
  suppressionWindowMs: WINDOW_MINUTES * 60_000,
  statusWindowMinutes: WINDOW_MINUTES,
  /** Series buckets of `/v1/services/{id}` are one counting window long. */
  bucketMinutes: WINDOW_MINUTES,
  /**
   * How long report ids (and per-minute counts that late reports still land
   * in) must be kept: a report stamped up to `maxFutureSkewMs` ahead stays
   * acceptable for `maxAgeMs` after its stamp; twice the skew leaves as much
   * again for the clocks drifting apart meanwhile.
   */
  idRetentionMs: MAX_AGE_MS + 2 * MAX_FUTURE_SKEW_MS,
  idRetentionMinutes: (MAX_AGE_MS + 2 * MAX_FUTURE_SKEW_MS) / 60_000,
  maxServiceIdLength: 253,
  /**
   * Evidence per network (docs/privacy-and-trust.md): counted reports one sending network (a
   * hashed /32 or /64) adds per service per counting window, by arrival. A household or a small office
   * fits; a carrier NAT is undercounted, which the levels' network floor below and the simulator's NAT
   * scenario allow for.
   */
  networkReportsPerWindow: 10,
  /** Distinct networks a catalog service's counting window needs before its level can leave `ok`. */
  minNetworksForLevel: 5,
  /** Distinct networks a domain outside the catalog needs before `/v1/status` lists it. */
  minNetworksToListDomain: 10,
  /** Most domains outside the catalog `/v1/status` lists (most severe first). */
  maxListedDomains: 20,
  minHours: 1,
  maxHours: 168,
  /**
   * An incident ends once the level has stayed `ok` this long (docs/incidents.md); until then it is
   * `recovering`, and a new rise within it continues the same incident.
   */
  incidentHoldMinutes: 30,
  /** Incidents are kept and listed for this long after they end (docs/incidents.md). */
  incidentRetentionDays: 90,
  /** `recent` of `/v1/services/{id}`: the last `recentHours` in buckets of `recentBucketMinutes`. */
  recentHours: 6,
  recentBucketMinutes: 5,
} as const;
