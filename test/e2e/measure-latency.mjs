#!/usr/bin/env node
// Scenario 2's banner-to-counted latency over 5 runs (fresh browser profile
// and server each time): from the X banner page having loaded to the server
// answering `counted` for the automatic report. Prints each run, the median
// and the worst; also the banner-to-signal part (detection alone).
//
//   node test/e2e/measure-latency.mjs [runs]
import { register } from 'tsx/esm/api';

register();
const { globalSetup, loadScenarios, runScenario } = await import('./lib/runner.mjs');

const runs = Number(process.argv[2] ?? 5);
const [scenario] = await loadScenarios(['2']);
const global = await globalSetup();
if (global.buildError) throw global.buildError;
const latencies = [];
const signals = [];
try {
  for (let i = 1; i <= runs; i++) {
    const result = await runScenario(global, scenario);
    const m = result.ctx.metrics ?? {};
    if (m.signalMs !== undefined) signals.push(m.signalMs);
    if (m.latencyMs !== undefined) latencies.push(m.latencyMs);
    const error = result.ok ? '' : `  (${String(result.error?.message ?? result.error).split('\n')[0]})`;
    console.log(`run ${i}: banner→signal ${m.signalMs ?? '—'} ms, banner→counted ${m.latencyMs ?? 'not counted'}${m.latencyMs !== undefined ? ' ms' : ''}${error}`);
  }
} finally {
  await global.close();
}
const summary = (values) => {
  if (!values.length) return 'no value';
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return `median ${median} ms, worst ${sorted[sorted.length - 1]} ms (${values.length} of ${runs} runs)`;
};
console.log(`banner→signal: ${summary(signals)}`);
console.log(`banner→counted: ${summary(latencies)}`);
process.exitCode = latencies.length === runs ? 0 : 1;
