// `npm run eval:detector`: every scenario through the detector, minute by
// minute (every 15 s around incidents), one table per scenario, then the
// targets of issue 5 checked. Exits 1 when a target is missed.
//   npm run eval:detector [-- NAME…] [-- --quiet-seeds N]
// --quiet-seeds N also runs the quiet week with N other random seeds and
// prints their false alarms (robustness, not a target: the parameters were
// tuned on the default seed).

import { performance } from 'node:perf_hooks';
import { DETECTOR_PARAMS } from '../src/core/detector.ts';
import { buildScenario, SCENARIO_NAMES } from '../server/sim/scenarios/index.ts';
import { checkTargets, formatScenarioTable } from '../server/sim/scenarios/report.ts';
import { evaluateService, type ServiceEvaluation } from '../server/sim/scenarios/evaluate.ts';
import { quietWeek } from '../server/sim/scenarios/quietWeek.ts';
import { measureDetectorCost } from './detector-cost.ts';

const argv = process.argv.slice(2);
const seedsAt = argv.indexOf('--quiet-seeds');
const extraSeeds = seedsAt >= 0 ? Number(argv[seedsAt + 1]) : 0;
if (seedsAt >= 0 && !(Number.isInteger(extraSeeds) && extraSeeds > 0)) {
  console.error('--quiet-seeds needs a whole number above 0');
  process.exit(2);
}
const only = argv.filter((_, i) => seedsAt < 0 || (i !== seedsAt && i !== seedsAt + 1));
for (const name of only) {
  if (!SCENARIO_NAMES.includes(name)) {
    console.error(`unknown scenario "${name}"; choose from ${SCENARIO_NAMES.join(', ')}`);
    process.exit(2);
  }
}
const names = only.length ? only : SCENARIO_NAMES;
const failures: string[] = [];
let totalCalls = 0;
let totalMs = 0;

console.log(`Detector parameters: ${JSON.stringify(DETECTOR_PARAMS)}\n`);
for (const name of names) {
  const built = performance.now();
  const scenario = buildScenario(name);
  const buildMs = performance.now() - built;
  const started = performance.now();
  const results: ServiceEvaluation[] = scenario.services.map((s) => evaluateService(scenario, s));
  const ms = performance.now() - started;
  const calls = results.reduce((n, r) => n + r.calls, 0);
  totalCalls += calls;
  totalMs += ms;
  console.log(formatScenarioTable(scenario, results));
  console.log(`  (${calls.toLocaleString('en')} detector calls in ${(ms / 1000).toFixed(1)} s = ${((ms * 1000) / calls).toFixed(1)} µs per call; scenario built in ${(buildMs / 1000).toFixed(1)} s)\n`);
  failures.push(...checkTargets(scenario, results));
}
if (extraSeeds > 0) {
  console.log(`quiet-week with ${extraSeeds} other seeds (robustness, not a target):`);
  let serviceDays = 0;
  let alarms = 0;
  for (let seed = 51; seed < 51 + extraSeeds; seed++) {
    const scenario = quietWeek(seed);
    const results = scenario.services.map((s) => evaluateService(scenario, s));
    const noisy = results.filter((r) => r.falseAlarms > 0).map((r) => `${r.service} ×${r.falseAlarms}`);
    serviceDays += results.length * 7;
    alarms += results.reduce((n, r) => n + r.falseAlarms, 0);
    console.log(`  seed ${seed}: ${noisy.length ? noisy.join(', ') : 'no false alarm'}`);
  }
  console.log(`  ${alarms} false alarm(s) in ${serviceDays.toLocaleString('en')} service-days\n`);
}
console.log(`All scenarios: ${totalCalls.toLocaleString('en')} calls, ${((totalMs * 1000) / totalCalls).toFixed(1)} µs per call on average.`);
console.log(`Cost of one detectLevel call (countAt = array lookup):\n${measureDetectorCost().join('\n')}`);
if (failures.length) {
  console.log(`\nTargets MISSED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll targets met: outage ≤ 2:00 (twitter-2022-07, seed), warning ≤ 2:00 (meta-2021-10), outage ≤ 5:00 (cold-start surges), clear ≤ 15:00, no false alarms.');
}
