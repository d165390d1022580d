// Automatic reports (docs/extension.md): after a signal is recorded, asks the pure
// policy (src/core/autoReport.ts) whether this service's recent evidence now
// justifies a report, and submits it through the queue when it does.
import { decideAutoReport } from '../core/autoReport.ts';
import { readFailures } from './failures.ts';
import { readLastReports, submitReport } from './reports.ts';
import { activeRules } from './rulePackStore.ts';
import { getSettings } from './settingsStore.ts';
import { readSignals } from './signals.ts';

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

