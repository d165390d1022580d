// Runs a scenario through the detector the way the server would see it and
// measures, per service and incident, how fast the detector reacts and how
// fast it lets go; and counts false alarms (a rise to warning/outage with no
// incident behind it).
//
// Around incidents the detector is evaluated every STEP_SECONDS with the
// current minute only partly filled (reports spread evenly through a
// minute), so latencies are measured in seconds, not rounded to minutes.
// Elsewhere it is evaluated at the end of each minute: a partly filled
// minute can only lower the evidence (see detector.ts), so whole minutes are
// where a false alarm would show first.

import { LIMITS } from '../../../src/core/protocol.ts';
import { detectLevel, type BaselineHistory, type DetectorLevel } from '../../../src/core/detector.ts';
import { minNetworksFor } from '../../stats/networkCounts.ts';
import { NETWORK_MODELS, networkedCounts } from './networks.ts';
import { createRandom } from './random.ts';
import type { Incident, Scenario, ScenarioService } from './types.ts';
import { totalCounts } from './types.ts';

const MINUTE_MS = 60_000;
export const STEP_SECONDS = 15;
/** After an incident ends, a raised level is still the incident's, not a false alarm, for this long. */
export const CLEAR_TARGET_MINUTES = 15;
/** Minutes before/after an incident evaluated at STEP_SECONDS resolution. */
const FINE_MARGIN_MINUTES = 30;

export interface IncidentResult {
  incident: Incident;
  /** Seconds from the incident's start to the first `warning` or `outage` (null: never). */
  toWarning: number | null;
  /** Seconds from the incident's start to the first `outage` (null: never). */
  toOutage: number | null;
  /** Seconds from the incident's end until the level is `ok` for good (negative: it let go during the tail). */
  toClear: number | null;
}

export interface ServiceEvaluation {
  service: string;
  incidents: IncidentResult[];
  /** Rises from ok with no incident behind them. */
  falseAlarms: number;
  /** Evaluations made (detector calls). */
  calls: number;
}

const RANK: Record<DetectorLevel, number> = { ok: 0, warning: 1, outage: 2 };

/** First epoch minute with a report, or null: what the server derives from its minute counts. */
function firstCounted(service: ScenarioService, startMinute: number): number | null {
  for (let i = 0; i < service.ordinary.length; i++) if (service.ordinary[i]! + service.excess[i]! > 0) return startMinute + i;
  return null;
}

/** The history a server started at the scenario's first report holds for `service`. */
export function scenarioHistory(scenario: Scenario, service: ScenarioService): BaselineHistory {
  const firsts = scenario.services.map((s) => firstCounted(s, scenario.startMinute)).filter((m) => m !== null);
  return { serverFrom: Math.min(...firsts), serviceFrom: firstCounted(service, scenario.startMinute) };
}

export interface EvaluateOptions {
  from?: number;
  to?: number;
  /**
   * Counts as the server counts them (the default): per network (networks.ts, the scenario's model), a
   * raised level only with distinct networks behind it. `false`: every report counts, no network gate.
   */
  networks?: boolean;
}

const WINDOW = LIMITS.statusWindowMinutes;

export function evaluateService(scenario: Scenario, service: ScenarioService, options: EvaluateOptions = {}): ServiceEvaluation {
  const history = scenarioHistory(scenario, service);
  const base = scenario.startMinute;
  const perNetwork = options.networks ?? true;
  const networked = perNetwork
    ? networkedCounts(service.ordinary, service.excess, service.ordinaryMix, service.incidentMix, base,
      scenario.networks ?? NETWORK_MODELS.realistic, createRandom(7))
    : null;
  const counts = networked?.counted ?? totalCounts(service);
  let partial: { minute: number; fraction: number } | null = null;
  const countAt = (minute: number): number => {
    const c = counts[minute - base] ?? 0;
    return partial && minute === partial.minute ? Math.floor(c * partial.fraction) : c;
  };
  // Distinct networks of a window up to a minute (a partly filled minute adds its share), as the server's.
  const networksUpTo = (minute: number): number => {
    const fresh = networked!.newNetworks;
    let sum = 0;
    for (let m = minute - (minute % WINDOW); m <= minute; m++) {
      const n = fresh[m - base] ?? 0;
      sum += partial && m === partial.minute ? Math.floor(n * partial.fraction) : n;
    }
    return sum;
  };
  const least = minNetworksFor(service.id);
  const supportedAt = networked
    ? (minute: number) => networksUpTo(minute) >= least || networksUpTo(minute - (minute % WINDOW) - 1) >= least
    : undefined;
  const from = options.from ?? scenario.evaluateFrom;
  const to = options.to ?? scenario.evaluateTo;
  const fine = (minute: number) =>
    service.incidents.some((i) => minute >= i.start - FINE_MARGIN_MINUTES && minute < i.end + FINE_MARGIN_MINUTES);
  const covered = (minute: number) => service.incidents.some((i) => minute >= i.start && minute < i.end + CLEAR_TARGET_MINUTES);

  const timeline: { at: number; rank: number }[] = [];
  let falseAlarms = 0;
  let previous = 0;
  let calls = 0;
  for (let minute = from; minute < to; minute++) {
    const steps = fine(minute) ? 60 / STEP_SECONDS : 1;
    for (let s = 1; s <= steps; s++) {
      const fraction = s / steps;
      partial = fraction < 1 ? { minute, fraction } : null;
      const at = minute * MINUTE_MS + fraction * MINUTE_MS;
      const rank = RANK[detectLevel({ now: at - 1, countAt, history, supportedAt }).level];
      calls++;
      if (rank > previous && previous === 0 && !covered(minute)) falseAlarms++;
      if (rank !== previous || fine(minute)) timeline.push({ at, rank });
      previous = rank;
    }
  }
  partial = null;
  return { service: service.id, incidents: service.incidents.map((i) => incidentResult(i, timeline)), falseAlarms, calls };
}

function incidentResult(incident: Incident, timeline: readonly { at: number; rank: number }[]): IncidentResult {
  const startMs = incident.start * MINUTE_MS;
  const endMs = incident.end * MINUTE_MS;
  const within = timeline.filter((p) => p.at > startMs && p.at <= endMs + CLEAR_TARGET_MINUTES * MINUTE_MS);
  const first = (rank: number) => {
    const hit = within.find((p) => p.rank >= rank && p.at <= endMs);
    return hit ? Math.round((hit.at - startMs) / 1000) : null;
  };
  const raised = within.some((p) => p.rank > 0);
  const lastRaised = [...timeline].reverse().find((p) => p.rank > 0 && p.at <= endMs + 60 * MINUTE_MS);
  let toClear: number | null = null;
  if (raised && lastRaised) {
    const clearedAt = timeline.find((p) => p.at > lastRaised.at && p.rank === 0);
    toClear = clearedAt ? Math.round((clearedAt.at - endMs) / 1000) : null;
  }
  return { incident, toWarning: first(1), toOutage: first(2), toClear };
}
