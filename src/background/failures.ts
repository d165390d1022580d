// Recent failures of any source (catalog services, the backend) kept briefly
// in storage for the "is it just me?" judgement (src/core/isItJustMe.ts).
import {
  BACKEND_SOURCE,
  recordFailure,
  shouldProbeBackend,
  trimFailures,
  type FailureEvent,
} from '../core/isItJustMe.ts';
import { checkHealth } from './backendClient.ts';
import { getSettings } from './settingsStore.ts';
import { asRecord, readKey, updateKey } from './storage.ts';

export function repairFailures(stored: unknown): FailureEvent[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (f): f is FailureEvent =>
      !!f &&
      typeof f.at === 'number' &&
      typeof f.source === 'string' &&
      (f.kind === 'net_error' || f.kind === 'http_5xx' || f.kind === 'page_error'),
  );
}

export async function noteFailure(failure: FailureEvent): Promise<void> {
  await updateKey('failures', repairFailures, (list) => recordFailure(list, failure, failure.at));
}

export async function readFailures(now: number): Promise<FailureEvent[]> {
  return trimFailures(await readKey('failures', repairFailures), now);
}

function repairProbe(stored: unknown): { lastProbeAt: number | null } {
  const { lastProbeAt } = asRecord(stored);
  return { lastProbeAt: typeof lastProbeAt === 'number' ? lastProbeAt : null };
}

/**
 * After a connection failure on a service, asks whether an unrelated host — our
 * own backend — fails too right now. At most every 30 s, whatever the burst.
 */
export async function probeBackendIfDue(now: number): Promise<void> {
  let due = false;
  await updateKey('probe', repairProbe, (probe) => {
    due = shouldProbeBackend(probe.lastProbeAt, now);
    return due ? { lastProbeAt: now } : probe;
  });
  if (!due) return;
  const { backendUrl } = await getSettings();
  const health = await checkHealth(backendUrl, 3_000);
  if (!health.ok && health.network) await noteFailure({ at: now, source: BACKEND_SOURCE, kind: 'net_error' });
}
