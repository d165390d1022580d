// Cached crowd data: `GET /v1/status` at most once a minute and
// `GET /v1/services/{id}` at most every 15 s per service, both with ETags, kept
// in storage so the popup answers from cache in a few milliseconds.
import { Value } from '@sinclair/typebox/value';
import { BACKEND_SOURCE } from '../core/isItJustMe.ts';
import { ServiceDetailSchema, StatusResponseSchema, type ServiceDetail, type StatusResponse } from '../core/protocol.ts';
import { getServiceDetail, getStatus, type Fetched } from './backendClient.ts';
import { noteFailure } from './failures.ts';
import { getSettings } from './settingsStore.ts';
import { asRecord, readKey, updateKey } from './storage.ts';

export const STATUS_MIN_INTERVAL_MS = 60_000;
/** The server caches details for 15 s (`max-age=15`); asking sooner only returns the same bytes. */
export const DETAIL_MIN_INTERVAL_MS = 15_000;
const MAX_CACHED_DETAILS = 20;

export interface Cached<T> {
  body: T | null;
  etag: string | null;
  fetchedAt: number | null;
  lastAttemptAt: number | null;
  /** The last attempt failed (unreachable, 5xx, unexpected answer). */
  failed: boolean;
  /** The backend the cache came from: a changed backend URL invalidates it. */
  backendUrl: string | null;
}

function repairCached<T>(stored: unknown, valid: (body: unknown) => body is T): Cached<T> {
  const v = asRecord(stored);
  const time = (t: unknown) => (typeof t === 'number' ? t : null);
  const body = valid(v.body) ? v.body : null;
  return {
    body,
    etag: body && typeof v.etag === 'string' ? v.etag : null,
    fetchedAt: time(v.fetchedAt),
    lastAttemptAt: time(v.lastAttemptAt),
    failed: v.failed === true,
    backendUrl: typeof v.backendUrl === 'string' ? v.backendUrl : null,
  };
}

const isStatus = (b: unknown): b is StatusResponse => Value.Check(StatusResponseSchema, b);
const isDetail = (b: unknown): b is ServiceDetail => Value.Check(ServiceDetailSchema, b);

export const repairStatusCache = (stored: unknown) => repairCached(stored, isStatus);

export function repairDetailCache(stored: unknown): Record<string, Cached<ServiceDetail>> {
  const out: Record<string, Cached<ServiceDetail>> = {};
  for (const [service, entry] of Object.entries(asRecord(stored))) out[service] = repairCached(entry, isDetail);
  return out;
}

function due(cache: Cached<unknown>, backendUrl: string, minInterval: number, now: number): boolean {
  if (cache.backendUrl !== backendUrl) return true;
  return cache.lastAttemptAt === null || cache.lastAttemptAt > now || now - cache.lastAttemptAt >= minInterval;
}

function merge<T>(cache: Cached<T>, result: Fetched<T>, backendUrl: string, now: number): Cached<T> {
  const sameBackend = cache.backendUrl === backendUrl;
  if (result.kind === 'ok') return { body: result.body, etag: result.etag, fetchedAt: now, lastAttemptAt: now, failed: false, backendUrl };
  if (result.kind === 'not_modified' && sameBackend && cache.body) return { ...cache, fetchedAt: now, lastAttemptAt: now, failed: false };
  const base = sameBackend ? cache : { body: null, etag: null, fetchedAt: null, backendUrl };
  return { ...base, lastAttemptAt: now, failed: true };
}

let statusInFlight: Promise<Cached<StatusResponse>> | null = null;

/** Refreshes the status when a minute has passed (or at once when `force`d by the user's Retry); returns the (possibly cached) state. */
export function refreshStatus(now: number, force = false): Promise<Cached<StatusResponse>> {
  statusInFlight ??= (async () => {
    const { backendUrl } = await getSettings();
    const cache = await readKey('status', repairStatusCache);
    if (!force && !due(cache, backendUrl, STATUS_MIN_INTERVAL_MS, now)) return cache;
    // Claim the attempt first, so a worker restarted mid-request does not poll again at once.
    await updateKey('status', repairStatusCache, (c) => ({ ...c, lastAttemptAt: now }));
    const result = await getStatus(backendUrl, cache.backendUrl === backendUrl ? cache.etag : null);
    if (result.kind === 'error' && result.network) await noteFailure({ at: now, source: BACKEND_SOURCE, kind: 'net_error' });
    return updateKey('status', repairStatusCache, (c) => merge(c, result, backendUrl, now));
  })().finally(() => {
    statusInFlight = null;
  });
  return statusInFlight;
}

export async function refreshDetail(service: string, now: number, force = false): Promise<Cached<ServiceDetail>> {
  const { backendUrl } = await getSettings();
  const all = await readKey('details', repairDetailCache);
  const cache = all[service] ?? repairCached<ServiceDetail>(undefined, isDetail);
  if (!force && !due(cache, backendUrl, DETAIL_MIN_INTERVAL_MS, now)) return cache;
  const result = await getServiceDetail(backendUrl, service, cache.backendUrl === backendUrl ? cache.etag : null);
  const next = await updateKey('details', repairDetailCache, (current) => {
    const entry = current[service] ?? repairCached<ServiceDetail>(undefined, isDetail);
    const merged = { ...current, [service]: merge(entry, result, backendUrl, now) };
    // Keep the most recently used few.
    const kept = Object.entries(merged)
      .sort(([, a], [, b]) => (b.lastAttemptAt ?? 0) - (a.lastAttemptAt ?? 0))
      .slice(0, MAX_CACHED_DETAILS);
    return Object.fromEntries(kept);
  });
  return next[service]!;
}
