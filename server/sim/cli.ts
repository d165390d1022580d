// `npm run simulate -- --scenario NAME [--speed X] [--url URL] [--database URL] [--hours N]`
//
// Without --url: writes the scenario through the server's own ingest code
// (buildApp + app.inject) under a simulated clock, as fast as it can: weeks
// of history straight into the counters, then the evaluated stretch report
// by report, printing every level change GET /v1/status announces.
// With --url: sends the incident (with some ordinary minutes around it) to a
// running server over HTTP, paced at --speed scenario minutes per minute.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSimulateArgs, USAGE } from './cliArgs.ts';
import { buildScenario } from './scenarios/index.ts';
import { createRandom } from './scenarios/random.ts';
import type { Scenario } from './scenarios/types.ts';
import { sendLive } from './live.ts';
import { simulateInProcess } from './inProcess.ts';

/** Around the incidents: 10 minutes before the first until 20 after the last (an hour for a quiet scenario). */
function liveRange(scenario: Scenario): { fromIndex: number; toIndex: number } {
  const incidents = scenario.services.flatMap((s) => s.incidents);
  if (incidents.length === 0) return { fromIndex: scenario.evaluateFrom - scenario.startMinute, toIndex: scenario.evaluateFrom - scenario.startMinute + 60 };
  const first = Math.min(...incidents.map((i) => i.start));
  const last = Math.max(...incidents.map((i) => i.end));
  return { fromIndex: first - 10 - scenario.startMinute, toIndex: last + 20 - scenario.startMinute };
}

async function main(): Promise<void> {
  const parsed = parseSimulateArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const args = parsed.run;
  const speed = args.speed;

  const scenario = buildScenario(args.scenario);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Scenario ${scenario.name}: ${scenario.title}\n  ${scenario.notes}`);

  if (args.url) {
    const range = liveRange(scenario);
    log(`Sending ${range.toIndex - range.fromIndex} scenario minutes to ${args.url} at ${speed}× (one minute every ${(60 / speed).toFixed(1)} s)…`);
    if (speed > 1) log(`  Note: at ${speed}× every rate reaches the server ${speed}× higher than in the scenario, ordinary traffic included.`);
    log('  Reports are observed "now"; a server without weeks of history judges them against its floor baselines.');
    const tally = await sendLive({ url: args.url, scenario, ...range, speed, rng: createRandom(7), log });
    log(`Done: ${tally.sent} reports sent, ${tally.counted} counted, ${tally.suppressed} suppressed, ${tally.duplicate} duplicate, ${tally.rejected} rejected.`);
    return;
  }

  const tempDir = args.database ? null : mkdtempSync(join(tmpdir(), 'downwatch-sim-'));
  const databaseUrl = args.database ?? `sqlite:${join(tempDir!, 'sim.db')}`;
  try {
    await simulateInProcess({ scenario, databaseUrl, hours: args.hours, log });
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`simulate: ${error.message}\n`);
  process.exit(1);
});
