// Signals in, reports out: stores each signal per service with its timestamp
// (surviving the worker), logs it with the "is it just me?" verdict, and asks
// the auto-report policy whether the evidence now justifies a report.
import { decideAutoReport } from '../core/autoReport.ts';
import {
  noteLoggedIn,
  noteLogoutClick,
  recordSignal,
  repairLoginStore,
  repairSignalStore,
  type SignalStore,
} from '../core/autoReportSignals.ts';
import { blameFor, type SignalEvent } from '../core/connectivity.ts';
import type { Signal } from '../core/protocol.ts';
import { isUnexpectedLogout } from '../core/rules/threshold.ts';
import { readFailures } from './failures.ts';
import { appendSignalLog } from './logs.ts';
import { readLastReports, submitReport } from './reports.ts';
import { activeRules } from './rulePackStore.ts';
import { getSettings } from './settingsStore.ts';
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
 * Records one signal unless the user switched the service off. Returns whether
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
  const settings = await getSettings();
  if (settings.disabledServices.includes(service)) return false;
  const event: SignalEvent = { at, signal, detail, offline };
  let duplicate = false;
  await updateKey('signals', repairSignalStore, (store) => {
    duplicate = (store[service] ?? []).some((e) => e.signal === signal && e.detail === detail && Math.abs(e.at - at) < DUPLICATE_WITHIN_MS);
    return duplicate ? store : recordSignal(store, service, event, at);
  });
  if (duplicate) return false;
  const blamed = blameFor(service, event, await readFailures(at));
  await appendSignalLog({ at, service, signal, detail, blamed });
  await maybeAutoReport(service, at);
  return true;
}

let deciding: Promise<unknown> = Promise.resolve();

/**
 * One decision at a time, so two signals arriving together cannot both pass
 * the threshold and send two reports; the 15-minute check reads the stored
 * last report, which `submitReport` writes before it sends.
 */
export function maybeAutoReport(service: string, now: number): Promise<void> {
  const run = deciding.then(async () => {
    const [settings, signals, failures, lastReports, rules] = await Promise.all([
      getSettings(),
      readSignals(),
      readFailures(now),
      readLastReports(),
      activeRules(service),
    ]);
    const decision = decideAutoReport({
      now,
      service,
      settings,
      events: signals[service] ?? [],
      failures,
      rules,
      lastReportAt: lastReports[service]?.at ?? null,
    });
    if (!decision.report) return;
    await submitReport({ service, problem: decision.problem, source: 'auto', signals: decision.signals }, now);
  });
  deciding = run.catch((error) => console.error('Downwatch: auto report failed', error));
  return run;
}

export async function noteServiceLoggedIn(service: string, at: number): Promise<void> {
  await updateKey('logins', repairLoginStore, (store) => noteLoggedIn(store, service, at));
}

export async function noteServiceLogoutClick(service: string, at: number): Promise<void> {
  await updateKey('logins', repairLoginStore, (store) => noteLogoutClick(store, service, at));
}

/** A login wall counts as a `logout` signal only within hours of being seen logged in, without a log-out click. */
export async function recordLoginWall(service: string, ruleId: string, at: number): Promise<boolean> {
  const logins = await readKey('logins', repairLoginStore);
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
