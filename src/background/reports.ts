// Sending reports: every report (manual or automatic) enters the
// storage-backed queue first and is then flushed, so a report survives the
// worker stopping mid-send and a retry can never count it twice (the id is the
// idempotency key). Retries are woken by `alarms`, which outlive the worker.
import browser from 'webextension-polyfill';
import type { ReportOutcome } from '../core/messages.ts';
import { LIMITS, type Problem, type Report, type Signal, type Source } from '../core/protocol.ts';
import { BACKEND_SOURCE } from '../core/isItJustMe.ts';
import {
  applySendOutcome,
  dueBatch,
  enqueueReport,
  expireReports,
  nextWakeAt,
  repairQueue,
  type SettledReport,
} from '../core/reportQueue.ts';
import { reportCountry } from '../core/timeZoneCountry.ts';
import { postReports } from './backendClient.ts';
import { currentInstallId } from './installId.ts';
import { appendReportLog } from './logs.ts';
import { noteFailure } from './failures.ts';
import { getSettings } from './settingsStore.ts';
import { asRecord, readKey, updateKey } from './storage.ts';

export const QUEUE_ALARM = 'downwatch-queue';
/** Batches sent in one flush before yielding (a long backlog drains over several wake-ups). */
const MAX_BATCHES_PER_FLUSH = 10;
/** How long `submitReport` waits for the send before answering `queued`. */
const SUBMIT_WAIT_MS = 8_000;

export interface LastReport {
  at: number;
  outcome: ReportOutcome;
  id: string;
}
export type LastReports = Record<string, LastReport>;

export function repairLastReports(stored: unknown): LastReports {
  const out: LastReports = {};
  for (const [service, v] of Object.entries(asRecord(stored))) {
    const { at, outcome, id } = asRecord(v);
    if (typeof at === 'number' && typeof outcome === 'string' && typeof id === 'string') out[service] = { at, outcome: outcome as ReportOutcome, id };
  }
  return out;
}

/** Only the last reports that still matter (the 15-minute window), so the map does not grow with every site ever reported. */
function recentOnly(last: LastReports, now: number): LastReports {
  return Object.fromEntries(Object.entries(last).filter(([, r]) => now - r.at < LIMITS.suppressionWindowMs && r.at <= now + 60_000));
}

/** Results of recent flushes, so a caller whose report went out in someone else's flush still learns its fate. */
const settledInThisWorker = new Map<string, SettledReport>();

let flushing: Promise<void> = Promise.resolve();

/** Sends what is due, one flush at a time; resolves when this flush is done. */
export function flushQueue(now: () => number = Date.now): Promise<void> {
  const run = flushing.then(() => flushOnce(now));
  flushing = run.catch((error) => console.error('Downwatch: queue flush failed', error));
  return run;
}

async function flushOnce(clock: () => number): Promise<void> {
  const { backendUrl } = await getSettings();
  for (let i = 0; i < MAX_BATCHES_PER_FLUSH; i++) {
    const now = clock();
    let expired: SettledReport[] = [];
    const queue = await updateKey('queue', repairQueue, (q) => {
      const result = expireReports(q, now);
      expired = result.expired;
      return result.queue;
    });
    await settle(expired, now);
    const batch = dueBatch(queue, now);
    if (batch.length === 0) break;
    const outcome = await postReports(backendUrl, batch);
    if (outcome.kind === 'retry' && outcome.network) await noteFailure({ at: clock(), source: BACKEND_SOURCE, kind: 'net_error' });
    let settled: SettledReport[] = [];
    await updateKey('queue', repairQueue, (q) => {
      const result = applySendOutcome(q, batch, outcome, clock(), Math.random);
      settled = result.settled;
      return result.queue;
    });
    await settle(settled, clock());
    if (outcome.kind === 'retry') break;
  }
  await scheduleQueueAlarm();
}

async function settle(settled: SettledReport[], now: number): Promise<void> {
  if (settled.length === 0) return;
  for (const s of settled) settledInThisWorker.set(s.id, s);
  if (settledInThisWorker.size > 500) settledInThisWorker.delete(settledInThisWorker.keys().next().value!);
  await appendReportLog(settled.filter((s) => s.status === 'rejected' || s.status === 'expired').map((s) => ({ ...s, at: now })));
  await updateKey('lastReports', repairLastReports, (last) => {
    const next = { ...last };
    for (const s of settled) {
      if (next[s.service]?.id !== s.id) continue;
      // A report that was never counted must not block the next one for 15 minutes.
      if (s.status === 'rejected' || s.status === 'expired') delete next[s.service];
      else next[s.service] = { ...next[s.service]!, outcome: s.status };
    }
    return next;
  });
}

/** Wakes the worker for the next retry or expiry; clears the alarm when the queue is empty. */
export async function scheduleQueueAlarm(): Promise<void> {
  const wake = nextWakeAt(await readKey('queue', repairQueue));
  if (wake === null) {
    await browser.alarms.clear(QUEUE_ALARM);
    return;
  }
  // Chrome fires alarms no sooner than 30 s; a past time fires as soon as allowed.
  await browser.alarms.create(QUEUE_ALARM, { when: Math.max(wake, Date.now() + 1_000) });
}

export interface NewReport {
  service: string;
  problem: Problem;
  source: Source;
  signals: Signal[];
}

/** Whether the browser lets reports carry a country (Firefox's optional `locationInfo` data consent). */
async function countryAllowed(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ data_collection: ['locationInfo'] } as browser.Permissions.AnyPermissions);
  } catch {
    return true; // Chromium has no data-collection permissions; the user's country setting decides alone.
  }
}

/** Builds the wire report: nothing but the protocol's fields (docs/privacy-and-trust.md). */
async function buildReport(input: NewReport, now: number): Promise<Report> {
  const settings = await getSettings();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const country = (await countryAllowed()) ? reportCountry(settings.country, timeZone) : null;
  return {
    id: crypto.randomUUID(),
    service: input.service,
    problem: input.problem,
    source: input.source,
    signals: [...new Set(input.signals)],
    observedAt: now,
    client: await currentInstallId(now),
    country,
  };
}

/**
 * Queues a report and tries to send it right away. Returns what became of it:
 * counted/duplicate/suppressed/rejected from the server, or `queued` when the
 * server could not be reached (it stays in the queue and is retried).
 */
export async function submitReport(input: NewReport, now: number = Date.now()): Promise<{ outcome: ReportOutcome; reason?: string }> {
  const report = await buildReport(input, now);
  await updateKey('lastReports', repairLastReports, (last): LastReports => ({
    ...recentOnly(last, now),
    [input.service]: { at: now, outcome: 'queued', id: report.id },
  }));
  await updateKey('queue', repairQueue, (q) => enqueueReport(q, report, now));
  // The popup should not wait out a slow server: after a while the answer is "queued" (the flush goes on).
  await Promise.race([flushQueue(), new Promise((resolve) => setTimeout(resolve, SUBMIT_WAIT_MS))]);
  const settled = settledInThisWorker.get(report.id);
  if (!settled) return { outcome: 'queued' };
  if (settled.status === 'expired') return { outcome: 'rejected', reason: settled.reason ?? 'expired' };
  return { outcome: settled.status, ...(settled.reason ? { reason: settled.reason } : {}) };
}

export function readLastReports(): Promise<LastReports> {
  return readKey('lastReports', repairLastReports);
}
