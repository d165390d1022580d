// Whether to send an automatic report now (docs/extension.md), pure. Wraps the rule
// pack's evidence threshold (`shouldAutoReport`, src/core/rules/threshold.ts)
// with what only the extension knows: the user's consent and switches, the
// "is it just me?" judgement, and one report per service per 15 minutes.
import { isCatalogId } from './catalog.ts';
import { signalsBlamedOnService, type FailureEvent, type SignalEvent } from './isItJustMe.ts';
import { suggestProblem } from './autoReportSignals.ts';
import { LIMITS, type Problem, type Signal } from './protocol.ts';
import type { ServiceRules } from './rules/schema.ts';
import { DEFAULT_THRESHOLD, shouldAutoReport, signalKindsInWindow } from './rules/threshold.ts';
import type { Settings } from './settings.ts';

export interface AutoReportInput {
  now: number;
  service: string;
  settings: Settings;
  /** This browser's stored signals for the service. */
  events: readonly SignalEvent[];
  /** Recent failures anywhere, to judge the signals against. */
  failures: readonly FailureEvent[];
  /** The service's rules from the active pack (bundled or refreshed). */
  rules: ServiceRules | undefined;
  /** This install's last report for the service (manual or auto, sent or queued), if any. */
  lastReportAt: number | null;
}

export type AutoReportDecision =
  | { report: true; signals: Signal[]; problem: Problem }
  | {
      report: false;
      reason: 'no_consent' | 'service_disabled' | 'not_watched' | 'recently_reported' | 'own_connection' | 'below_threshold';
    };

/** At most one report per install, per service, per 15 minutes (the server enforces it too). */
export function reportedRecently(lastReportAt: number | null, now: number): boolean {
  return lastReportAt !== null && now - lastReportAt < LIMITS.suppressionWindowMs && lastReportAt <= now + 60_000;
}

export function decideAutoReport(input: AutoReportInput): AutoReportDecision {
  const { now, service, settings, events, failures, rules, lastReportAt } = input;
  if (!settings.autoReport || !settings.consentAnswered) return { report: false, reason: 'no_consent' };
  // Automatic reports are only for services this extension watches (the catalog).
  if (!isCatalogId(service)) return { report: false, reason: 'not_watched' };
  if (settings.disabledServices.includes(service)) return { report: false, reason: 'service_disabled' };
  if (reportedRecently(lastReportAt, now)) return { report: false, reason: 'recently_reported' };

  const windowMs = rules?.threshold.windowMs ?? DEFAULT_THRESHOLD.windowMs;
  const blamed = signalsBlamedOnService(service, events, failures, now, windowMs);
  if (!shouldAutoReport(blamed, rules, now)) {
    // Say why, so the log can explain a report that did not happen.
    const all = events.filter((e) => e.at > now - windowMs && e.at <= now + 5_000);
    const wouldPass = all.length > blamed.length && shouldAutoReport(all, rules, now);
    return { report: false, reason: wouldPass ? 'own_connection' : 'below_threshold' };
  }
  const signals = signalKindsInWindow(blamed, rules, now);
  return { report: true, signals, problem: suggestProblem(service, signals) };
}
