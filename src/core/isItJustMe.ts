// "Is it just me?" (docs/detection.md), pure. A signal is not blamed on the service
// while the device is offline, or when the same class of error hits unrelated
// hosts — other services, or our own backend — in the same minute: then it is
// the user's own connection (or proxy, or captive portal), not the service.
import type { NetworkSignal, Signal } from './protocol.ts';

/** One failure seen on the network, kept briefly to judge other signals against. */
export interface FailureEvent {
  at: number;
  /** The service id the failing host belongs to, or `backend` for our own server. Never a host name or URL. */
  source: string;
  kind: NetworkSignal;
}

/** One signal this browser saw for a service, as kept in storage. */
export interface SignalEvent {
  at: number;
  signal: Signal;
  /** Rule id, error class (`net::ERR_…`) or status code — never page text or a URL. */
  detail: string;
  /** `navigator.onLine` was false when it was seen. */
  offline: boolean;
}

export type Blame = 'service' | 'own_connection';
export type Verdict = Blame | 'none';

/** Source name used for failures of the backend itself. */
export const BACKEND_SOURCE = 'backend';
export const SAME_MINUTE_MS = 60_000;
/** Failures older than this cannot affect any judgement any more. */
export const FAILURE_RETENTION_MS = 5 * 60_000;
const MAX_FAILURES = 200;
/** The popup's "what this browser saw" window (docs/extension.md). */
export const OWN_SIGNALS_WINDOW_MS = 10 * 60_000;

type ErrorClass = 'network' | 'http';

/**
 * A connection failure (DNS, reset, TLS, a failed navigation) explains page
 * signals too — a site shows "Something went wrong" when its API calls fail —
 * while a 5xx is compared with 5xx elsewhere (a broken proxy answers 502 for all).
 */
function classOf(kind: Signal): ErrorClass {
  return kind === 'http_5xx' ? 'http' : 'network';
}

/** Whether one signal of `service` is blamed on the service or on the user's own connection. */
export function blameFor(service: string, event: SignalEvent, failures: readonly FailureEvent[]): Blame {
  if (event.offline) return 'own_connection';
  const cls = classOf(event.signal);
  const unrelatedSameMinute = failures.some(
    (f) => f.source !== service && classOf(f.kind) === cls && Math.abs(f.at - event.at) < SAME_MINUTE_MS,
  );
  return unrelatedSameMinute ? 'own_connection' : 'service';
}

/** The signals of the last `windowMs` that point at the service. */
export function signalsBlamedOnService(
  service: string,
  events: readonly SignalEvent[],
  failures: readonly FailureEvent[],
  now: number,
  windowMs: number,
): SignalEvent[] {
  return events.filter((e) => e.at > now - windowMs && e.at <= now + 5_000 && blameFor(service, e, failures) === 'service');
}

/**
 * The popup's verdict for a service: `none` without recent signals; the user's
 * own connection when the device is offline now or the latest signal was
 * explained by it; otherwise the service.
 */
export function verdictFor(
  service: string,
  events: readonly SignalEvent[],
  failures: readonly FailureEvent[],
  online: boolean,
  now: number,
  windowMs: number = OWN_SIGNALS_WINDOW_MS,
): Verdict {
  const recent = events.filter((e) => e.at > now - windowMs && e.at <= now + 5_000);
  if (recent.length === 0) return 'none';
  if (!online) return 'own_connection';
  const latest = recent.reduce((a, b) => (b.at > a.at ? b : a));
  return blameFor(service, latest, failures);
}

/** Adds a failure and forgets the ones that can no longer matter. */
export function recordFailure(failures: readonly FailureEvent[], failure: FailureEvent, now: number): FailureEvent[] {
  return trimFailures([...failures, failure], now);
}

export function trimFailures(failures: readonly FailureEvent[], now: number): FailureEvent[] {
  const kept = failures.filter((f) => f.at > now - FAILURE_RETENTION_MS && f.at <= now + SAME_MINUTE_MS);
  return kept.length > MAX_FAILURES ? kept.slice(kept.length - MAX_FAILURES) : kept;
}

/** How often a net_error may trigger a probe of the backend's `/healthz` (to see whether other hosts fail too). */
export const PROBE_INTERVAL_MS = 30_000;

export function shouldProbeBackend(lastProbeAt: number | null, now: number): boolean {
  return lastProbeAt === null || now - lastProbeAt >= PROBE_INTERVAL_MS || lastProbeAt > now;
}

/**
 * Chromium's and Firefox's error strings that are not the service failing:
 * the user or the page cancelled, an ad blocker blocked, the browser refused
 * for its own reasons (CSP, mixed content, cache miss on back/forward).
 */
const IGNORED_ERRORS = [
  'net::ERR_ABORTED',
  // Chromium's catch-all, also what CORS-blocked and extension-cancelled requests report: too vague to blame anyone.
  'net::ERR_FAILED',
  'net::ERR_BLOCKED_BY_CLIENT',
  'net::ERR_BLOCKED_BY_RESPONSE',
  'net::ERR_BLOCKED_BY_ADMINISTRATOR',
  'net::ERR_BLOCKED_BY_CSP',
  'net::ERR_BLOCKED_BY_ORB',
  'net::ERR_CACHE_MISS',
  'net::ERR_UNKNOWN_URL_SCHEME',
  'net::ERR_INSECURE_RESPONSE',
  'net::ERR_NETWORK_CHANGED',
  'NS_BINDING_ABORTED',
  'NS_ERROR_ABORT',
  'NS_ERROR_CONTENT_BLOCKED',
  'NS_ERROR_TRACKING_URI',
  'NS_ERROR_MALWARE_URI',
  'NS_ERROR_PHISHING_URI',
  'NS_ERROR_UNWANTED_URI',
  'NS_ERROR_HARMFUL_URI',
  'NS_ERROR_FINGERPRINTING_URI',
  'NS_ERROR_CRYPTOMINING_URI',
  'NS_ERROR_SOCIALTRACKING_URI',
  'NS_ERROR_BLOCKED_BY_POLICY',
  'NS_ERROR_DOM_CORP_FAILED',
  'NS_ERROR_DOM_COEP_FAILED',
];

/**
 * The error class to keep for a webRequest error, or null when the error is
 * not the service's fault. Only the well-known class is kept (never free text).
 */
export function classifyRequestError(error: string): string | null {
  if (IGNORED_ERRORS.includes(error) || error.startsWith('net::ERR_BLOCKED_BY_')) return null;
  if (/^net::ERR_[A-Z0-9_]+$/.test(error) || /^NS_ERROR_[A-Z0-9_]+$/.test(error)) return error;
  return 'other';
}

/** `ERR_INTERNET_DISCONNECTED` means the device itself is offline. */
export function isOfflineError(error: string): boolean {
  return error === 'net::ERR_INTERNET_DISCONNECTED' || error === 'NS_ERROR_OFFLINE';
}
