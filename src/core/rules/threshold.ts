// The auto-report policy over recent signals (docs/extension.md), pure so the
// background can call it from storage-backed signal lists and tests can pin it.
//
//   shouldAutoReport(signals, rules, now) → boolean
//     `signals`: this browser's signals for ONE service, each `{ signal, at }`
//     (epoch ms), already filtered to those blamed on the service (not on the
//     user's own connection) and, for `logout`, already judged unexpected by
//     the background (`isUnexpectedLogout`). Order does not matter.
//     `rules`: the service's `ServiceRules` (or just its `threshold`); services
//     without rules use `DEFAULT_THRESHOLD`.
//
// Score = Σ over signal kinds of weight(kind) × min(count in window, cap).
// The per-install/per-service 15-minute suppression is separate (the queue and
// the server enforce it); this only says whether the evidence is enough.
import { SIGNALS, type Signal } from '../protocolValues.ts';
import type { ServiceRules, Threshold } from './schema.ts';

export interface RecentSignal {
  signal: Signal;
  /** When it was seen, epoch ms. */
  at: number;
}

/**
 * Two minutes of signals. The site's own error UI (an error banner, a feed in
 * its failed-refresh state) is matched only inside the site's error elements,
 * never in user posts, so one sighting is enough: people expect the report the
 * moment X says "Something went wrong". A `logout` reaches this only once the
 * background has confirmed it unexpected (seen logged in within hours, no
 * log-out click or log-out page since: `isUnexpectedLogout`), so it weighs as
 * much as a banner. A failed navigation has innocent causes (a flaky hop), so
 * it needs a second sighting or other evidence; network signals (one flaky
 * request) need four.
 */
const DEFAULT_WEIGHTS: Record<Signal, number> = { banner: 4, feed_stalled: 4, logout: 4, page_error: 2, http_5xx: 1, net_error: 1 };

export const DEFAULT_THRESHOLD: Threshold = {
  windowMs: 2 * 60_000,
  weights: DEFAULT_WEIGHTS,
  maxCountPerSignal: 4,
  minScore: 4,
};

/** Signals stamped a little in the future (clock adjustments between contexts) still count. */
const FUTURE_TOLERANCE_MS = 5_000;

function thresholdOf(rules: ServiceRules | Threshold | undefined): Threshold {
  if (!rules) return DEFAULT_THRESHOLD;
  return 'threshold' in rules ? rules.threshold : rules;
}

/** Signals inside the threshold's window ending at `now` (inclusive of `now`). */
export function signalsInWindow<T extends RecentSignal>(signals: readonly T[], threshold: Threshold, now: number): T[] {
  const from = now - threshold.windowMs;
  return signals.filter((s) => Number.isFinite(s.at) && s.at > from && s.at <= now + FUTURE_TOLERANCE_MS);
}

/** The evidence score of the signals in the window (see the header). */
export function scoreSignals(
  signals: readonly RecentSignal[],
  rules: ServiceRules | Threshold | undefined,
  now: number,
): number {
  const threshold = thresholdOf(rules);
  const counts = new Map<Signal, number>();
  for (const { signal } of signalsInWindow(signals, threshold, now)) counts.set(signal, (counts.get(signal) ?? 0) + 1);
  let score = 0;
  for (const [signal, count] of counts) {
    score += (threshold.weights[signal] ?? 0) * Math.min(count, threshold.maxCountPerSignal);
  }
  return score;
}

/** Whether the recent signals of one service justify one automatic report now. */
export function shouldAutoReport(
  signals: readonly RecentSignal[],
  rules: ServiceRules | Threshold | undefined,
  now: number,
): boolean {
  return scoreSignals(signals, rules, now) >= thresholdOf(rules).minScore;
}

/** The distinct kinds among the window's signals, for the report's `signals` field (protocol order). */
export function signalKindsInWindow(
  signals: readonly RecentSignal[],
  rules: ServiceRules | Threshold | undefined,
  now: number,
): Signal[] {
  const kinds = new Set(signalsInWindow(signals, thresholdOf(rules), now).map((s) => s.signal));
  return SIGNALS.filter((kind) => kinds.has(kind));
}

export const DEFAULT_RECENT_LOGIN_WINDOW_MS = 6 * 3_600_000;

/**
 * docs/detection.md `logout`: a login wall counts only when the user was seen logged in
 * within the rule's window before it and did not click a log-out control in
 * between. The content script sends the facts (`content/loggedIn`,
 * `content/logoutClicked`, the wall as `content/signal` `logout`); the
 * background keeps their times and asks this.
 */
export function isUnexpectedLogout(input: {
  wallAt: number;
  lastLoggedInAt: number | null;
  lastLogoutClickAt: number | null;
  rules?: ServiceRules;
}): boolean {
  const { wallAt, lastLoggedInAt, lastLogoutClickAt, rules } = input;
  if (lastLoggedInAt === null || lastLoggedInAt > wallAt) return false;
  const windowMs = rules?.logout?.recentLoginWindowMs ?? DEFAULT_RECENT_LOGIN_WINDOW_MS;
  if (wallAt - lastLoggedInAt > windowMs) return false;
  return lastLogoutClickAt === null || lastLogoutClickAt < lastLoggedInAt || lastLogoutClickAt > wallAt;
}
