// The response bodies of GET /v1/status and GET /v1/services/{id}, built from
// the in-memory counts and the detector. Pure computation, no I/O.
import { CATALOG, catalogService } from '../../src/core/catalog.ts';
import { baselineFor, detectLevel, type DetectorResult } from '../../src/core/detector.ts';
import {
  LIMITS, PROBLEMS, SIGNALS, type ServiceDetail, type ServiceStatus, type StatusResponse,
} from '../../src/core/protocol.ts';
import type { CounterRow } from '../storage/types.ts';
import type { MinuteCounts } from './minuteCounts.ts';
import type { NetworkCounts } from './networkCounts.ts';

const MINUTE_MS = 60_000;
const BUCKET_MINUTES = LIMITS.bucketMinutes;
const BREAKDOWN_MINUTES = 60;
/** Countries with fewer reports in the breakdown window are summed into `other` (DESIGN §5). */
const MIN_COUNTRY_REPORTS = 5;
/** A service with fewer reports in the last hour cannot have left `ok` in it (the detector needs more evidence). */
const MIN_REPORTS_TO_LIST = 3;
const SEVERITY: Record<string, number> = { outage: 2, warning: 1, ok: 0 };

export function displayName(service: string): string {
  return catalogService(service)?.name ?? service;
}

function toStatus(service: string, result: DetectorResult): ServiceStatus {
  return {
    id: service, name: displayName(service), level: result.level, count: result.count,
    baseline: Math.round(result.baseline * 100) / 100, since: result.since,
  };
}

/** The detector's input for a service: its counts, and whether enough networks stand behind each minute. */
function detectorInput(counts: MinuteCounts, networks: NetworkCounts, service: string) {
  return { countAt: counts.counter(service), supportedAt: networks.supported(service) };
}

export function serviceStatus(counts: MinuteCounts, networks: NetworkCounts, service: string, now: number): ServiceStatus {
  return toStatus(service, detectLevel({ now, ...detectorInput(counts, networks, service) }));
}

/** /v1/status lists a service that left `ok` in this many minutes (DESIGN §6: the last hour). */
const LISTED_FOR_MINUTES = 60;

/** Whether the service was above `ok` at any 5-minute checkpoint of the last hour. */
function wasNotOkInLastHour(input: Omit<Parameters<typeof detectLevel>[0], 'now'>, now: number): boolean {
  for (let back = 5; back <= LISTED_FOR_MINUTES; back += 5) {
    if (detectLevel({ now: now - back * MINUTE_MS, ...input }).level !== 'ok') return true;
  }
  return false;
}

const mostSevereFirst = (a: ServiceStatus, b: ServiceStatus) => (SEVERITY[b.level] ?? 0) - (SEVERITY[a.level] ?? 0) || b.count - a.count;

/**
 * Every catalog service, and the domains outside it that left `ok` in the last hour: a domain needs
 * LIMITS.minNetworksToListDomain distinct networks for that (networkCounts.ts), and at most
 * LIMITS.maxListedDomains are listed, most severe first (DESIGN §10).
 */
export function buildStatus(counts: MinuteCounts, networks: NetworkCounts, now: number): StatusResponse {
  const nowMinute = Math.floor(now / MINUTE_MS);
  const services: ServiceStatus[] = CATALOG.map((s) => serviceStatus(counts, networks, s.id, now));
  const domains: ServiceStatus[] = [];
  // A level an hour ago was judged on the reports of the window before it.
  for (const [service, sum] of counts.activeSince(nowMinute - LISTED_FOR_MINUTES - LIMITS.statusWindowMinutes, nowMinute + 1)) {
    if (catalogService(service) || sum < MIN_REPORTS_TO_LIST) continue;
    const input = detectorInput(counts, networks, service);
    const result = detectLevel({ now, ...input });
    if (result.level !== 'ok' || wasNotOkInLastHour(input, now)) domains.push(toStatus(service, result));
  }
  domains.sort(mostSevereFirst);
  services.push(...domains.slice(0, LIMITS.maxListedDomains));
  services.sort(mostSevereFirst);
  return { generatedAt: now, windowMinutes: LIMITS.statusWindowMinutes, services };
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

export function buildDetail(
  counts: MinuteCounts, networks: NetworkCounts, breakdowns: ReadonlyMap<string, Breakdown>, service: string, hours: number, now: number,
): ServiceDetail {
  const countAt = counts.counter(service);
  const nowMinute = Math.floor(now / MINUTE_MS);
  const lastBucket = nowMinute - (nowMinute % BUCKET_MINUTES);
  const series: ServiceDetail['series'] = [];
  for (let i = (hours * 60) / BUCKET_MINUTES - 1; i >= 0; i--) {
    const start = lastBucket - i * BUCKET_MINUTES;
    let count = 0;
    for (let m = start; m < start + BUCKET_MINUTES; m++) count += countAt(m);
    series.push({ t: start * MINUTE_MS, count, baseline: Math.round(baselineFor(countAt, start) * 100) / 100 });
  }
  return {
    ...serviceStatus(counts, networks, service, now),
    bucketMinutes: BUCKET_MINUTES,
    series,
    ...(breakdowns.get(service) ?? EMPTY_BREAKDOWN),
  };
}

export { BREAKDOWN_MINUTES };
