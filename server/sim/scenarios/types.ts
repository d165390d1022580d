// What a scenario is: per-minute report counts of several services (ordinary
// traffic plus the injected excess of an incident), the incidents the
// detector is expected to find, and what the reports say (problems, signals,
// countries), so the simulator can write realistic reports.

import type { Problem, Signal } from '../../../src/core/protocol.ts';
import type { NetworkModel } from './networks.ts';

/** How the detector is expected to react to an injected incident. */
export type Expectation =
  /** `outage` within the target latency. */
  | 'outage'
  /** `warning` or `outage` within the target latency. */
  | 'alert'
  /** A real but secondary rise (e.g. people flocking to X while Facebook is down): any reaction is fine. */
  | 'notice';

export interface Incident {
  label: string;
  /** First epoch minute with injected excess. */
  start: number;
  /** First epoch minute after the excess (exclusive end). */
  end: number;
  expect: Expectation;
  /** Seconds allowed to reach the expected level, when not report.ts's DETECT_TARGET_SECONDS (the scenario says why). */
  targetSeconds?: number;
}

/** Weighted choices describing the reports of one kind (ordinary or incident). */
export interface ReportMix {
  problems: readonly (readonly [Problem, number])[];
  /** Signal sets; `auto` reports are only drawn from sets that are not empty. */
  signals: readonly (readonly [readonly Signal[], number])[];
  /** ISO alpha-2 codes, or null for a withheld country. */
  countries: readonly (readonly [string | null, number])[];
  /** Share of reports sent automatically (the rest are one-click manual reports). */
  autoShare: number;
}

export interface ScenarioService {
  id: string;
  /** Ordinary reports per minute, from the scenario's startMinute. */
  ordinary: Uint32Array;
  /** Injected incident reports per minute, from the scenario's startMinute (zeros when none). */
  excess: Uint32Array;
  incidents: readonly Incident[];
  ordinaryMix: ReportMix;
  incidentMix: ReportMix;
}

export interface Scenario {
  name: string;
  title: string;
  /** Where the numbers come from and how they were scaled. */
  notes: string;
  /** Epoch minute of the first count (4 weeks and a day of history before evaluateFrom). */
  startMinute: number;
  /** The stretch the detector is evaluated on, [evaluateFrom, evaluateTo), epoch minutes. */
  evaluateFrom: number;
  evaluateTo: number;
  services: readonly ScenarioService[];
  /** Where the reports come from (networks.ts); NETWORK_MODELS.realistic when absent. */
  networks?: NetworkModel;
}

/** Total reports per minute (ordinary + excess) of a service. */
export function totalCounts(service: ScenarioService): Uint32Array {
  const out = new Uint32Array(service.ordinary.length);
  for (let i = 0; i < out.length; i++) out[i] = service.ordinary[i]! + service.excess[i]!;
  return out;
}
