// The one boundary that touches SQL (STYLE "one module owns each boundary").
// Everything else in the server talks to this interface, so SQLite and
// PostgreSQL are interchangeable and the same test suite runs on both.
import { LIMITS, type IncidentLevel, type Problem, type Source } from '../../src/core/protocol.ts';

/** A validated report in canonical form, ready to store. */
export interface IngestReport {
  /** Lower-cased UUID: the idempotency key, unique per service. */
  id: string;
  /** Canonical service id (catalog id or registrable domain). */
  service: string;
  problem: Problem;
  source: Source;
  /** Bit set of SIGNALS indexes (bit i = SIGNALS[i]). */
  signals: number;
  /** Epoch minute the report is counted in (Math.floor(observedAt / 60_000)). */
  minute: number;
  client: string;
  /** ISO alpha-2, or '' when withheld. */
  country: string;
  /**
   * The sending network: a keyed hash of the source address's /32 (IPv4) or /64 (IPv6) whose secret rotates
   * daily (net/networkHasher.ts); never the address itself. Evidence is counted per network (docs/privacy-and-trust.md):
   * at most LIMITS.networkReportsPerWindow counted reports per service and arrival window.
   */
  network: string;
}

export type CommitStatus = 'counted' | 'duplicate' | 'suppressed';

/** One per-minute counter cell (docs/architecture.md): the unit of every aggregate. */
export interface CounterRow {
  service: string;
  minute: number;
  problem: Problem;
  /** ISO alpha-2, or '' when withheld. */
  country: string;
  source: Source;
  signals: number;
  count: number;
}

export interface MinuteTotal {
  service: string;
  minute: number;
  count: number;
}

/** Distinct networks with a counted report for a service in the counting window starting at `window` (epoch minute). */
export interface NetworkTotal {
  service: string;
  window: number;
  networks: number;
}

/** One incident of one service (docs/incidents.md); minutes are epoch minutes. */
export interface IncidentRow {
  service: string;
  startMinute: number;
  /** The first minute back at `ok` for good; null while open. */
  endMinute: number | null;
  peak: number;
  /** The last minute of the peak's 15-minute window. */
  peakMinute: number;
  peakLevel: IncidentLevel;
}

/** The first epoch minute with a count of a service. */
export interface FirstMinute {
  service: string;
  minute: number;
}

export interface PruneResult {
  reports: number;
  suppressions: number;
  counters: number;
  incidents: number;
}

/** How storage reports a failure of its background work (e.g. a SQLite checkpoint). */
export type StorageErrorLog = (message: string, error: unknown) => void;

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, without credentials (for the start-up line). */
  readonly description: string;
  /** Commits that may run at once (SQLite has one writer; PostgreSQL a pool). */
  readonly maxConcurrentCommits: number;
  /**
   * Stores a batch in ONE transaction: dedupe by (service, id), suppression by
   * (service, client, 15-minute window of arrival), then at most LIMITS.networkReportsPerWindow counted
   * reports per (service, network, window of arrival); counters and network totals for counted reports only.
   * Statuses come back in input order; resolves only after the commit.
   */
  commitReports(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]>;
  /** Per-minute totals of counted reports for minutes in [fromMinute, toMinute). */
  minuteTotals(fromMinute: number, toMinute: number): Promise<MinuteTotal[]>;
  /** Distinct networks per service for arrival windows starting in [fromMinute, toMinute). */
  networkTotals(fromMinute: number, toMinute: number): Promise<NetworkTotal[]>;
  /** The first minute with a count of each service: where its history starts. */
  firstMinutes(): Promise<FirstMinute[]>;
  /** Counter cells for minutes in [fromMinute, toMinute), summed over minutes. `minute` is fromMinute. */
  breakdown(fromMinute: number, toMinute: number): Promise<CounterRow[]>;
  /**
   * Adds counts directly (no raw reports, no suppression): fast history for the
   * simulator and benchmarks. Adds to existing cells; minute totals follow.
   */
  addCounts(rows: readonly CounterRow[]): Promise<void>;
  /**
   * Records incidents, idempotently: one row per (service, startMinute). Recording one again raises its peak
   * (never lowers it) and sets its end once; an end once set is kept. Safe for several processes at once.
   */
  recordIncidents(rows: readonly IncidentRow[]): Promise<void>;
  /** Incidents that were open or ended at `fromMinute` or later, and those that started then or later. */
  incidents(fromMinute: number): Promise<IncidentRow[]>;
  /**
   * Deletes raw reports older than 7 days, suppression windows and network evidence older than 2 days, counters older than 90
   * days, and incidents that ended more than 90 days ago.
   */
  prune(nowMs: number): Promise<PruneResult>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const RETENTION = {
  rawReportsMs: 7 * 24 * 60 * 60_000,
  suppressionMs: 2 * 24 * 60 * 60_000,
  countersMs: 90 * 24 * 60 * 60_000,
  incidentsMs: LIMITS.incidentRetentionDays * 24 * 60 * 60_000,
} as const;
