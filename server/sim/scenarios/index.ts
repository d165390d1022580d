// Every scenario by name, for the evaluation, the simulator and the demo.

import { carrierNat } from './carrierNat.ts';
import { coldStart } from './coldStart.ts';
import { meta2021 } from './meta2021.ts';
import { quietWeek } from './quietWeek.ts';
import { seedOutage } from './seed.ts';
import { twitter2022 } from './twitter2022.ts';
import type { Scenario } from './types.ts';

export const SCENARIOS: Readonly<Record<string, () => Scenario>> = {
  'twitter-2022-07': twitter2022,
  seed: seedOutage,
  'meta-2021-10': meta2021,
  'quiet-week': quietWeek,
  'cold-start': () => coldStart(),
  'cold-start-warm': () => coldStart(undefined, true),
  'carrier-nat': carrierNat,
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

export function buildScenario(name: string): Scenario {
  const build = SCENARIOS[name];
  if (!build) throw new Error(`unknown scenario "${name}"; choose one of: ${SCENARIO_NAMES.join(', ')}`);
  return build();
}

export type { Scenario, ScenarioService, Incident, ReportMix } from './types.ts';
