// The response bodies of GET /v1/status and GET /v1/services/{id}, built from
// the in-memory counts and the detector. Pure computation, no I/O.
import { CATALOG, catalogService } from '../../src/core/catalog.ts';
import { baselineFor, detectLevel } from '../../src/core/detector.ts';
import { incidentStatus, type IncidentStatus } from '../../src/core/incidents.ts';
import {
  LEVELS, LIMITS, PROBLEMS, SIGNALS, type IncidentSummary, type Level, type ServiceDetail, type ServiceStatus, type StatusResponse,
} from '../../src/core/protocol.ts';
import type { CounterRow } from '../storage/types.ts';
import type { MinuteCounts } from './minuteCounts.ts';
import type { NetworkCounts } from './networkCounts.ts';

const MINUTE_MS = 60_000;
const BUCKET_MINUTES = LIMITS.bucketMinutes;
const BREAKDOWN_MINUTES = 60;
/** Countries with fewer reports in the breakdown window are summed into `other` (docs/privacy-and-trust.md). */
const MIN_COUNTRY_REPORTS = 5;
/** A service with fewer reports in the last hour cannot have left `ok` in it (the detector needs more evidence). */
const MIN_REPORTS_TO_LIST = 3;
const severity = (level: string) => LEVELS.indexOf(level as Level);

export function displayName(service: string): string {
  return catalogService(service)?.name ?? service;
}

function toStatus(service: string, result: IncidentStatus): ServiceStatus {
  return {
    id: service, name: displayName(service), level: result.level, count: result.count,
    baseline: Math.round(result.baseline * 100) / 100, since: result.since, peak: result.peak, learning: result.learning,
  };
}

/** The detector's input for a service: its counts, history, and whether enough networks stand behind each minute. */
function detectorInput(counts: MinuteCounts, networks: NetworkCounts, service: string) {
  return { countAt: counts.counter(service), history: counts.history(service), supportedAt: networks.supported(service) };
}

/** A service's status and its open incident (for the incident history). */
export function serviceIncidentStatus(counts: MinuteCounts, networks: NetworkCounts, service: string, now: number): IncidentStatus {
  return incidentStatus({ now, ...detectorInput(counts, networks, service) });
}

export function serviceStatus(counts: MinuteCounts, networks: NetworkCounts, service: string, now: number): ServiceStatus {
  return toStatus(service, serviceIncidentStatus(counts, networks, service, now));
}

/** /v1/status lists a service that left `ok` in this many minutes (docs/protocol.md: the last hour). */
const LISTED_FOR_MINUTES = 60;

/** Whether the service was above `ok` at any 5-minute checkpoint of the last hour. */
function wasNotOkInLastHour(input: Omit<Parameters<typeof detectLevel>[0], 'now'>, now: number): boolean {
  for (let back = 5; back <= LISTED_FOR_MINUTES; back += 5) {
    if (detectLevel({ now: now - back * MINUTE_MS, ...input }).level !== 'ok') return true;
  }
  return false;
}

/** Every listed service's status, with the open incidents among them (keyed by service). */
export interface StatusSnapshot {
  response: StatusResponse;
  open: Map<string, IncidentStatus>;
}

const mostSevereFirst = (a: ServiceStatus, b: ServiceStatus) => severity(b.level) - severity(a.level) || b.count - a.count;

/**
 * Every catalog service, and the domains outside it that left `ok` in the last hour: a domain needs
 * LIMITS.minNetworksToListDomain distinct networks for that (networkCounts.ts), and at most
 * LIMITS.maxListedDomains are listed, most severe first (docs/privacy-and-trust.md).
 */
export function buildStatus(counts: MinuteCounts, networks: NetworkCounts, now: number): StatusSnapshot {
  const nowMinute = Math.floor(now / MINUTE_MS);
  const open = new Map<string, IncidentStatus>();
  const services: ServiceStatus[] = [];
  const add = (service: string, result: IncidentStatus) => {
    services.push(toStatus(service, result));
    if (result.incident) open.set(service, result);
  };
  for (const s of CATALOG) add(s.id, serviceIncidentStatus(counts, networks, s.id, now));
  const domains: Array<[string, IncidentStatus]> = [];
  // A level an hour ago was judged on the reports of the window before it.
  for (const [service, sum] of counts.activeSince(nowMinute - LISTED_FOR_MINUTES - LIMITS.statusWindowMinutes, nowMinute + 1)) {
    if (catalogService(service) || sum < MIN_REPORTS_TO_LIST) continue;
    const input = detectorInput(counts, networks, service);
    const result = incidentStatus({ now, ...input });
    if (result.level !== 'ok' || wasNotOkInLastHour(input, now)) domains.push([service, result]);
  }
  domains.sort(([, a], [, b]) => severity(b.level) - severity(a.level) || b.count - a.count);
  for (const [service, result] of domains.slice(0, LIMITS.maxListedDomains)) add(service, result);
  services.sort(mostSevereFirst);
  return { response: { generatedAt: now, windowMinutes: LIMITS.statusWindowMinutes, services }, open };
}

/** Problems, countries and signals of one service over the last hour, largest first. */
export interface Breakdown {
  problems: ServiceDetail['problems'];
  countries: ServiceDetail['countries'];
  signals: ServiceDetail['signals'];
}

const EMPTY_BREAKDOWN: Breakdown = { problems: [], countries: [], signals: [] };

const largestFirst = <T extends { count: number }>(items: T[]) => items.filter((i) => i.count > 0).sort((a, b) => b.count - a.count);

export function buildBreakdowns(rows: readonly CounterRow[]): Map<string, Breakdown> {
  const tallies = new Map<string, { problems: Map<string, number>; countries: Map<string, number>; signals: number[] }>();
  for (const row of rows) {
    let t = tallies.get(row.service);
    if (!t) tallies.set(row.service, (t = { problems: new Map(), countries: new Map(), signals: SIGNALS.map(() => 0) }));
    t.problems.set(row.problem, (t.problems.get(row.problem) ?? 0) + row.count);
    const country = row.country || 'other';
    t.countries.set(country, (t.countries.get(country) ?? 0) + row.count);
    SIGNALS.forEach((_, i) => {
      if (row.signals & (1 << i)) t.signals[i]! += row.count;
    });
  }
  const out = new Map<string, Breakdown>();
  for (const [service, t] of tallies) {
    let other = 0;
    const countries: Breakdown['countries'] = [];
    for (const [country, count] of t.countries) {
      if (country === 'other' || count < MIN_COUNTRY_REPORTS) other += count;
      else countries.push({ country, count });
    }
    out.set(service, {
      problems: largestFirst(PROBLEMS.map((problem) => ({ problem, count: t.problems.get(problem) ?? 0 }))),
      countries: [...largestFirst(countries), ...(other > 0 ? [{ country: 'other', count: other }] : [])],
      signals: largestFirst(SIGNALS.map((signal, i) => ({ signal, count: t.signals[i]! }))),
    });
  }
  return out;
}

/**
 * `hours` of buckets of `bucketMinutes`, oldest first, each with the usual count for its length; the last
 * bucket holds the current minute and is marked `partial` (docs/incidents.md). `slotBaseline` is shared
 * between the series of one body, so each 15-minute slot's baseline is computed once.
 */
function buckets(
  countAt: (minute: number) => number, slotBaseline: (slotStart: number) => number, hours: number, bucketMinutes: number, now: number,
): ServiceDetail['series'] {
  const nowMinute = Math.floor(now / MINUTE_MS);
  const lastBucket = nowMinute - (nowMinute % bucketMinutes);
  const points: ServiceDetail['series'] = [];
  for (let i = (hours * 60) / bucketMinutes - 1; i >= 0; i--) {
    const start = lastBucket - i * bucketMinutes;
    let count = 0;
    for (let m = start; m < start + bucketMinutes; m++) count += countAt(m);
    const slotStart = start - (start % BUCKET_MINUTES);
    const baseline = Math.round(((slotBaseline(slotStart) * bucketMinutes) / BUCKET_MINUTES) * 100) / 100;
    points.push(i === 0 ? { t: start * MINUTE_MS, count, baseline, partial: true } : { t: start * MINUTE_MS, count, baseline });
  }
  return points;
}

export function buildDetail(
  counts: MinuteCounts, networks: NetworkCounts, breakdowns: ReadonlyMap<string, Breakdown>, incidents: readonly IncidentSummary[],
  service: string, hours: number, now: number,
): ServiceDetail {
  const countAt = counts.counter(service);
  const history = counts.history(service);
  const slotBaselines = new Map<number, number>();
  const slotBaseline = (slotStart: number) => {
    let b = slotBaselines.get(slotStart);
    if (b === undefined) slotBaselines.set(slotStart, (b = baselineFor(countAt, slotStart, history)));
    return b;
  };
  return {
    ...serviceStatus(counts, networks, service, now),
    generatedAt: now,
    bucketMinutes: BUCKET_MINUTES,
    series: buckets(countAt, slotBaseline, hours, BUCKET_MINUTES, now),
    recent: {
      bucketMinutes: LIMITS.recentBucketMinutes,
      points: buckets(countAt, slotBaseline, LIMITS.recentHours, LIMITS.recentBucketMinutes, now),
    },
    incidents: [...incidents],
    ...(breakdowns.get(service) ?? EMPTY_BREAKDOWN),
  };
}

export { BREAKDOWN_MINUTES };
