// This browser's signals per service: each stored with its timestamp
// (surviving the worker) and logged with the "is it just me?" verdict; the
// log-in facts that decide whether a login wall is an unexpected logout.
// Whether the evidence justifies a report is autoReporter.ts's question.
import {
  noteLoginFact,
  recordSignal,
  repairLoginStore,
  repairSignalStore,
  type SignalStore,
} from '../core/autoReportSignals.ts';
import { blameFor, type SignalEvent } from '../core/isItJustMe.ts';
import type { Signal } from '../core/protocol.ts';
import { isUnexpectedLogout } from '../core/rules/threshold.ts';
import { readFailures } from './failures.ts';
import { appendSignalLog } from './logs.ts';
import { activeRules } from './rulePackStore.ts';
import { isWatched } from './optionalServices.ts';
import { readKey, updateKey } from './storage.ts';

/** The same signal kind with the same detail for one service this soon again is the same event (a burst of failed requests). */
const DUPLICATE_WITHIN_MS = 2_000;

export function readSignals(): Promise<SignalStore> {
  return readKey('signals', repairSignalStore);
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Records one signal unless Downwatch does not watch the service (switched
 * off, or its optional hosts not granted). Returns whether
 * it was recorded. `offline` can be forced by the caller (an
 * ERR_INTERNET_DISCONNECTED says so even when `navigator.onLine` lags).
 */
export async function recordServiceSignal(
  service: string,
  signal: Signal,
  detail: string,
  at: number,
  offline = isOffline(),
): Promise<boolean> {
  if (!(await isWatched(service))) return false;
  const event: SignalEvent = { at, signal, detail, offline };
  let duplicate = false;
  await updateKey('signals', repairSignalStore, (store) => {
    duplicate = (store[service] ?? []).some((e) => e.signal === signal && e.detail === detail && Math.abs(e.at - at) < DUPLICATE_WITHIN_MS);
    return duplicate ? store : recordSignal(store, service, event, at);
  });
  if (duplicate) return false;
  const blamed = blameFor(service, event, await readFailures(at));
  await appendSignalLog({ at, service, signal, detail, blamed });
  return true;
}

export async function noteServiceLoggedIn(service: string, at: number): Promise<void> {
  await updateKey('logins', repairLoginStore, (store) => noteLoginFact(store, service, 'loggedInAt', at));
}

export async function noteServiceLogoutClick(service: string, at: number): Promise<void> {
  await updateKey('logins', repairLoginStore, (store) => noteLoginFact(store, service, 'logoutClickAt', at));
}

/** A login wall counts as a `logout` signal only within hours of being seen logged in, without a log-out click. */
export async function recordLoginWall(service: string, ruleId: string, at: number): Promise<boolean> {
  const logins = await updateKey('logins', repairLoginStore, (store) => noteLoginFact(store, service, 'wallAt', at));
  const entry = logins[service];
  const unexpected = isUnexpectedLogout({
    wallAt: at,
    lastLoggedInAt: entry?.loggedInAt ?? null,
    lastLogoutClickAt: entry?.logoutClickAt ?? null,
    rules: await activeRules(service),
  });
  if (!unexpected) return false;
  return recordServiceSignal(service, 'logout', ruleId, at);
}
