// Every piece of state that matters lives in `storage.local` under one of these
// keys (docs/extension.md: the MV3 service worker can be stopped at any moment, so
// nothing important lives only in memory). Values are repaired on read, so a
// corrupt or old value never crashes the worker. Read-modify-write goes
// through `updateKey`, which serialises updates of one key inside this worker.
import browser from 'webextension-polyfill';

export const STORAGE_KEYS = {
  /** Settings (src/core/settings.ts), versioned and repaired on read. */
  settings: 'settings',
  /** This browser's signals per service with timestamps (src/core/autoReportSignals.ts). */
  signals: 'signals',
  /** Recent failures of any source, for "is it just me?" (src/core/isItJustMe.ts). */
  failures: 'failures',
  /** When each service was last seen logged in / a log-out control clicked. */
  logins: 'logins',
  /** The offline report queue (src/core/reportQueue.ts). */
  queue: 'queue',
  /** This install's last report per service: `{ at, outcome, id }`. */
  lastReports: 'lastReports',
  /** The local signal log shown in options (last 200 entries). */
  signalLog: 'signalLog',
  /** Reports that left the queue without being counted (rejected, expired), last 100. */
  reportLog: 'reportLog',
  /** The opaque install id `{ id, createdAt }`, rotated monthly. */
  install: 'install',
  /** Cached `GET /v1/status` with its ETag. */
  status: 'status',
  /** Cached `GET /v1/services/{id}` per service with ETags. */
  details: 'details',
  /** The rule pack fetched from `GET /v1/rules`, with its ETag. */
  rules: 'rules',
  /** The outage `since` each followed service was last notified for. */
  notified: 'notified',
  /** When the backend was last probed for "is it just me?". */
  probe: 'probe',
} as const;

export type StorageKey = (typeof STORAGE_KEYS)[keyof typeof STORAGE_KEYS];

/** Keys `options/clearData` removes: everything but the settings and the install id. */
export const CLEARABLE_KEYS: StorageKey[] = [
  'signals',
  'failures',
  'logins',
  'queue',
  'lastReports',
  'signalLog',
  'reportLog',
  'status',
  'details',
  'notified',
  'probe',
];

export async function readKey<T>(key: StorageKey, repair: (stored: unknown) => T): Promise<T> {
  const stored = await browser.storage.local.get(key);
  return repair(stored[key]);
}

/** Several keys in one storage round trip (the popup's few-millisecond path). */
export async function readKeys(keys: StorageKey[]): Promise<Record<string, unknown>> {
  return browser.storage.local.get(keys);
}

export async function writeKey<T>(key: StorageKey, value: T): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

const locks = new Map<StorageKey, Promise<unknown>>();

/**
 * Reads, transforms and writes one key, one update at a time per key, so two
 * events arriving together (a burst of failed requests) do not lose either.
 */
export function updateKey<T>(key: StorageKey, repair: (stored: unknown) => T, change: (current: T) => T | Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(async () => {
    const next = await change(await readKey(key, repair));
    await writeKey(key, next);
    return next;
  });
  const settled = run.catch(() => undefined);
  locks.set(key, settled);
  void settled.then(() => {
    if (locks.get(key) === settled) locks.delete(key);
  });
  return run;
}

export async function removeKeys(keys: StorageKey[]): Promise<void> {
  await browser.storage.local.remove(keys);
}

/** A plain object (record) or an empty one: the common repair for map-shaped values. */
export function asRecord(stored: unknown): Record<string, unknown> {
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
}
