// Local logs shown in options: the signal log (what this browser saw and whom
// it blamed) and the report log (reports that left the queue uncounted). Never a
// URL or page text: only service ids, signal kinds, rule ids and error classes.
import type { SignalLogEntry } from '../core/messages.ts';
import { SIGNALS } from '../core/protocol.ts';
import type { SettledReport } from '../core/reportQueue.ts';
import { readKey, updateKey } from './storage.ts';

const MAX_SIGNAL_LOG = 200;
const MAX_REPORT_LOG = 100;

export interface ReportLogEntry extends SettledReport {
  at: number;
}

function repairSignalLog(stored: unknown): SignalLogEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (e): e is SignalLogEntry =>
      !!e &&
      typeof e.at === 'number' &&
      typeof e.service === 'string' &&
      (SIGNALS as readonly string[]).includes(e.signal) &&
      typeof e.detail === 'string' &&
      (e.blamed === 'service' || e.blamed === 'own_connection'),
  );
}

function repairReportLog(stored: unknown): ReportLogEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((e): e is ReportLogEntry => !!e && typeof e.at === 'number' && typeof e.id === 'string' && typeof e.status === 'string');
}

export async function appendSignalLog(entry: SignalLogEntry): Promise<void> {
  await updateKey('signalLog', repairSignalLog, (log) => [...log, entry].slice(-MAX_SIGNAL_LOG));
}

/** Newest first, as the options page lists it. */
export async function readSignalLog(): Promise<SignalLogEntry[]> {
  return (await readKey('signalLog', repairSignalLog)).slice().reverse();
}

export async function appendReportLog(entries: ReportLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) console.warn(`Downwatch: report ${e.id} for ${e.service} ${e.status}${e.reason ? `: ${e.reason}` : ''}`);
  await updateKey('reportLog', repairReportLog, (log) => [...log, ...entries].slice(-MAX_REPORT_LOG));
}
