// Bookkeeping of this browser's own signals, pure: the per-service windows the
// background keeps in storage, the logged-in / log-out-click times behind the
// `logout` signal, and the problem type suggested from what was seen.
import type { Problem, Signal } from './protocol.ts';
import { SIGNALS } from './protocol.ts';
import { catalogService } from './catalog.ts';
import type { SignalEvent } from './isItJustMe.ts';

/** Signals per service id, oldest first. */
export type SignalStore = Record<string, SignalEvent[]>;

/** Long enough for the popup's 10 minutes and the auto-report window, short enough to stay small. */
export const SIGNAL_RETENTION_MS = 60 * 60_000;
export const MAX_SIGNALS_PER_SERVICE = 100;
/** Services with signals kept at once; the one with the stalest signal goes first. */
export const MAX_SERVICES = 50;

function trimEvents(events: readonly SignalEvent[], now: number): SignalEvent[] {
  const kept = events.filter((e) => e.at > now - SIGNAL_RETENTION_MS && e.at <= now + 60_000);
  return kept.length > MAX_SIGNALS_PER_SERVICE ? kept.slice(kept.length - MAX_SIGNALS_PER_SERVICE) : kept;
}

/** Forgets old signals and empty services everywhere. */
export function trimSignalStore(store: SignalStore, now: number): SignalStore {
  const entries = Object.entries(store)
    .map(([service, events]) => [service, trimEvents(events, now)] as const)
    .filter(([, events]) => events.length > 0)
    .sort(([, a], [, b]) => (b[b.length - 1]?.at ?? 0) - (a[a.length - 1]?.at ?? 0))
    .slice(0, MAX_SERVICES);
  return Object.fromEntries(entries);
}

/** Adds one signal for a service (kept in time order) and trims the store. */
export function recordSignal(store: SignalStore, service: string, event: SignalEvent, now: number): SignalStore {
  const events = [...(store[service] ?? []), event].sort((a, b) => a.at - b.at);
  return trimSignalStore({ ...store, [service]: events }, now);
}

/** "3 error banners in the last 10 minutes": per kind, how many and when last. */
export function summariseSignals(
  events: readonly SignalEvent[],
  now: number,
  windowMs: number,
): { signal: Signal; count: number; lastAt: number }[] {
  const byKind = new Map<Signal, { count: number; lastAt: number }>();
  for (const e of events) {
    if (e.at <= now - windowMs || e.at > now + 60_000) continue;
    const entry = byKind.get(e.signal) ?? { count: 0, lastAt: 0 };
    entry.count += 1;
    entry.lastAt = Math.max(entry.lastAt, e.at);
    byKind.set(e.signal, entry);
  }
  return SIGNALS.filter((s) => byKind.has(s)).map((signal) => ({ signal, ...byKind.get(signal)! }));
}

/**
 * The problem type to pre-select for a report from the signals seen: a login
 * wall is a login problem; otherwise what reports about the service usually
 * name (its catalog `usualProblem`: messages on WhatsApp, video on YouTube);
 * otherwise a stalled feed is a feed problem, and anything else the website.
 */
export function suggestProblem(service: string | null, signals: readonly Signal[]): Problem {
  const seen = new Set(signals);
  if (seen.has('logout')) return 'login';
  const usual = service === null ? undefined : catalogService(service)?.usualProblem;
  if (usual) return usual;
  return seen.has('feed_stalled') ? 'feed' : 'website';
}

/**
 * When the user was last seen logged in, last clicked a log-out control, and
 * last met the login wall, per service. The wall is noted whatever it was
 * judged, so the log shows it was seen even when it raised nothing.
 */
export interface LoginFacts {
  loggedInAt: number | null;
  logoutClickAt: number | null;
  wallAt: number | null;
}
export type LoginStore = Record<string, LoginFacts>;

const NO_FACTS: LoginFacts = { loggedInAt: null, logoutClickAt: null, wallAt: null };

export function noteLoginFact(store: LoginStore, service: string, fact: keyof LoginFacts, at: number): LoginStore {
  return { ...store, [service]: { ...NO_FACTS, ...store[service], [fact]: at } };
}

/** Any stored value → a store of well-formed signal lists (corrupt entries dropped). */
export function repairSignalStore(stored: unknown): SignalStore {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const out: SignalStore = {};
  for (const [service, events] of Object.entries(stored as Record<string, unknown>)) {
    if (!Array.isArray(events)) continue;
    const valid = events.filter(
      (e): e is SignalEvent =>
        !!e &&
        typeof e === 'object' &&
        typeof e.at === 'number' &&
        (SIGNALS as readonly string[]).includes(e.signal) &&
        typeof e.detail === 'string' &&
        typeof e.offline === 'boolean',
    );
    if (valid.length) out[service] = valid;
  }
  return out;
}

export function repairLoginStore(stored: unknown): LoginStore {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const out: LoginStore = {};
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  for (const [service, entry] of Object.entries(stored as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const { loggedInAt, logoutClickAt, wallAt } = entry as Record<string, unknown>;
    out[service] = { loggedInAt: time(loggedInAt), logoutClickAt: time(logoutClickAt), wallAt: time(wallAt) };
  }
  return out;
}
