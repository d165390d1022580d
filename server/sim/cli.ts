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
import { parseArgs } from 'node:util';
import { buildScenario, SCENARIO_NAMES } from '../../src/core/scenarios/index.ts';
import { createRandom } from '../../src/core/scenarios/random.ts';
import type { Scenario } from '../../src/core/scenarios/types.ts';
import { sendLive } from './live.ts';
import { simulateInProcess } from './inProcess.ts';

const USAGE = `Usage: npm run simulate -- --scenario NAME [--speed X] [--url URL] [--database URL] [--hours N]

  --scenario NAME   one of: ${SCENARIO_NAMES.join(', ')}
  --url URL         send over HTTP to a running server (e.g. http://127.0.0.1:8787), paced in real time;
                    without it, the scenario runs through the server's ingest code with a simulated clock
  --speed X         scenario minutes per real minute with --url (default 1)
  --database URL    with the simulated clock: where to write (default: a temporary SQLite file, removed after)
  --hours N         with the simulated clock: replay only N hours of the evaluated stretch, from the first incident
                    minus 1 hour (default: the whole stretch)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Around the incidents: 10 minutes before the first until 20 after the last (an hour for a quiet scenario). */
function liveRange(scenario: Scenario): { fromIndex: number; toIndex: number } {
  const incidents = scenario.services.flatMap((s) => s.incidents);
  if (incidents.length === 0) return { fromIndex: scenario.evaluateFrom - scenario.startMinute, toIndex: scenario.evaluateFrom - scenario.startMinute + 60 };
  const first = Math.min(...incidents.map((i) => i.start));
  const last = Math.max(...incidents.map((i) => i.end));
  return { fromIndex: first - 10 - scenario.startMinute, toIndex: last + 20 - scenario.startMinute };
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        scenario: { type: 'string' }, speed: { type: 'string' }, url: { type: 'string' },
        database: { type: 'string' }, hours: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!args.scenario) fail('--scenario is required.');
  if (!SCENARIO_NAMES.includes(args.scenario)) fail(`Unknown scenario "${args.scenario}".`);
  const speed = args.speed === undefined ? 1 : Number(args.speed);
  if (!(speed > 0 && speed <= 1000)) fail(`--speed must be a number above 0 and at most 1000, got "${args.speed}".`);
  const hours = args.hours === undefined ? undefined : Number(args.hours);
  if (hours !== undefined && !(Number.isInteger(hours) && hours > 0)) fail(`--hours must be a whole number above 0, got "${args.hours}".`);
  if (args.url !== undefined) {
    try {
      const u = new URL(args.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      fail(`--url must be an http(s) URL, got "${args.url}".`);
    }
  }

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
    await simulateInProcess({ scenario, databaseUrl, hours, log });
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`simulate: ${error.message}\n`);
  process.exit(1);
});
