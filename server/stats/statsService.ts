// The read side: keeps per-minute counts and the last hour's breakdowns in
// memory, refreshed from the database in the background, and serves
// pre-serialised bodies with ETags. Requests never wait on the database and
// never start an aggregate; at most one refresh runs at a time.
import { createHash } from 'node:crypto';
import { DETECTOR_HISTORY_MINUTES } from '../../src/core/detector.ts';
import { LIMITS } from '../../src/core/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/types.ts';
import { IncidentHistory } from './incidentHistory.ts';
import { MinuteCounts } from './minuteCounts.ts';
import { NetworkCounts, windowStartOf } from './networkCounts.ts';
import { BREAKDOWN_MINUTES, buildBreakdowns, buildDetail, buildStatus, type Breakdown } from './responseBodies.ts';

const MINUTE_MS = 60_000;
/** Reports may name a minute up to LIMITS.maxFutureSkewMs ahead (and the current one). */
const FUTURE_MINUTES = LIMITS.maxFutureSkewMs / MINUTE_MS + 1;
/** Reports may name a minute up to LIMITS.maxAgeMs old: that range can still change (with the ids' slack). */
const LATE_MINUTES = LIMITS.idRetentionMs / MINUTE_MS;
/** Minutes re-read on every refresh; the whole late range is re-read every FULL_EVERY refreshes. */
const RECENT_MINUTES = 20;
const FULL_EVERY = 15;
const MAX_CACHED_DETAILS = 500;

export interface CachedBody {
  body: string;
  etag: string;
}

function cached(value: unknown): CachedBody {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

export class StatsService {
  private readonly counts = new MinuteCounts();
  private readonly networks = new NetworkCounts();
  private readonly incidents = new IncidentHistory();
  private breakdowns = new Map<string, Breakdown>();
  private statusBody: CachedBody | null = null;
  private details = new Map<string, CachedBody>();
  private generatedAt = 0;
  private loadedTo = 0;
  private refreshes = 0;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly refreshMs: number,
    private readonly onError: (error: unknown) => void = () => {},
    /** Seconds spent reading the database and computing the snapshot (for /metrics). */
    private readonly onRefreshed: (timing: { querySeconds: number; computeSeconds: number }) => void = () => {},
  ) {}

  /** Loads the detector's whole history, builds the first snapshot, then refreshes every refreshMs. */
  async start(): Promise<void> {
    await this.refresh({ full: true });
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Re-reads recent counts from the database and rebuilds the snapshot. Concurrent
   * callers share one run. `full` reloads all history (after writing history
   * directly with Storage.addCounts, or moving the clock far).
   */
  refresh(options: { full?: boolean } = {}): Promise<void> {
    if (this.running) return this.running.then(() => this.refresh(options));
    this.running = this.load(options.full ?? false).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  status(): CachedBody {
    if (!this.statusBody) this.statusBody = cached(buildStatus(this.counts, this.networks, this.clock.now()).response);
    return this.statusBody;
  }

  /** The detail body of a canonical service id; computed from memory once per snapshot. */
  detail(service: string, hours: number): CachedBody {
    const key = `${service} ${hours}`;
    let body = this.details.get(key);
    if (!body) {
      if (this.details.size >= MAX_CACHED_DETAILS) this.details.clear();
      const now = this.generatedAt || this.clock.now();
      body = cached(buildDetail(this.counts, this.networks, this.breakdowns, this.incidents.list(service, now), service, hours, now));
      this.details.set(key, body);
    }
    return body;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.refresh()
        .catch(this.onError)
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, this.refreshMs);
    this.timer.unref();
  }

  private async load(full: boolean): Promise<void> {
    const now = this.clock.now();
    const nowMinute = Math.floor(now / MINUTE_MS);
    const to = nowMinute + FUTURE_MINUTES;
    const lateRange = full || this.refreshes % FULL_EVERY === 0;
    // Never leave a gap if the clock jumped since the last load.
    const from = full
      ? nowMinute - DETECTOR_HISTORY_MINUTES
      : Math.min(nowMinute - (lateRange ? LATE_MINUTES : RECENT_MINUTES), this.loadedTo - RECENT_MINUTES);
    const fromBounded = Math.max(from, nowMinute - DETECTOR_HISTORY_MINUTES);
    // Network totals are per arrival window: the whole window the range starts in is re-read.
    const fromWindow = windowStartOf(fromBounded);
    const started = performance.now();
    const [totals, rows, firsts, incidentRows, networks] = await Promise.all([
      this.storage.minuteTotals(fromBounded, to),
      this.storage.breakdown(nowMinute - BREAKDOWN_MINUTES + 1, to),
      full ? this.storage.firstMinutes() : [],
      this.storage.incidents(IncidentHistory.readFrom(nowMinute, full, RECENT_MINUTES)),
      this.storage.networkTotals(fromWindow, to),
    ]);
    const queried = performance.now();
    this.counts.noteFirstMinutes(firsts);
    this.counts.replaceRange(fromBounded, to, totals);
    this.networks.replaceRange(fromWindow, to, networks);
    if (full || this.refreshes % FULL_EVERY === 0) {
      this.counts.forgetBefore(nowMinute - DETECTOR_HISTORY_MINUTES);
      this.networks.forgetBefore(nowMinute - DETECTOR_HISTORY_MINUTES);
      this.incidents.forgetBefore(nowMinute);
    }
    this.incidents.load(incidentRows);
    this.breakdowns = buildBreakdowns(rows);
    const status = buildStatus(this.counts, this.networks, now);
    const changed = this.incidents.changes(this.counts, this.networks, status.open, now);
    const computed = performance.now();
    // Recorded before the snapshot is published, so its detail bodies list what the database holds. A failed
    // write does not hold the figures back: memory takes only what was written, so it is offered again.
    let recordError: unknown = null;
    if (changed.length > 0) {
      try {
        await this.storage.recordIncidents(changed);
        this.incidents.load(changed);
      } catch (error) {
        recordError = error;
      }
    }
    this.loadedTo = to;
    this.refreshes++;
    this.generatedAt = now;
    this.statusBody = cached(status.response);
    this.details = new Map();
    const recorded = performance.now();
    this.onRefreshed({
      querySeconds: (queried - started + recorded - computed) / 1000,
      computeSeconds: (computed - queried) / 1000,
    });
    if (recordError) this.onError(recordError);
  }
}
