// `npm run demo`: a live-looking outage for someone who just loaded the
// extension. Starts the real server on PORT (8787) with a temporary SQLite
// database holding a scenario moved so that its incident is happening now:
// 4 weeks of history written straight into the counters, the last hour
// through the real ingest, then the rest of the incident fed live, report
// by report, as its minutes come. Ctrl-C stops it and deletes the database.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { catalogService } from '../../src/core/catalog.ts';
import type { Report, StatusResponse } from '../../src/core/protocol.ts';
import { buildScenario, SCENARIO_NAMES } from './scenarios/index.ts';
import { createRandom } from './scenarios/random.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/open.ts';
import { writeHistory } from './history.ts';
import { emptyTally, injectReports, minuteReports, SimulatedNetworks } from './replay.ts';

const MINUTE_MS = 60_000;
const FEED_EVERY_MS = 5_000;
const USAGE = `Usage: npm run demo [-- --scenario NAME] [-- --minutes-in N]

  --scenario NAME   ${SCENARIO_NAMES.join(', ')} (default: seed, the X outage)
  --minutes-in N    how many minutes of the incident have already happened at start (default: 8)
  Listens on PORT (default 8787) and HOST (default 127.0.0.1).
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values: args } = (() => {
  try {
    return parseArgs({ options: { scenario: { type: 'string' }, 'minutes-in': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const name = args.scenario ?? 'seed';
if (!SCENARIO_NAMES.includes(name)) fail(`Unknown scenario "${name}".`);
const minutesIn = Number(args['minutes-in'] ?? '8');
if (!Number.isInteger(minutesIn) || minutesIn < 2 || minutesIn > 600) fail('--minutes-in must be a whole number from 2 to 600.');

const log = (line: string) => process.stdout.write(`${line}\n`);
const scenario = buildScenario(name);
const incidentService = scenario.services.find((s) => s.incidents.some((i) => i.expect !== 'notice'));
const incident = incidentService?.incidents.find((i) => i.expect !== 'notice');
if (!incidentService || !incident) fail(`Scenario "${name}" has no incident to show; pick one of: ${SCENARIO_NAMES.filter((n) => n !== 'quiet-week').join(', ')}.`);
const watched = scenario.services.filter((s) => s.incidents.length > 0).map((s) => s.id);

// Scenario index `present` is the current minute; every scenario minute moves by `shift` on the clock.
const nowMinute = Math.floor(Date.now() / MINUTE_MS);
const present = incident.start - scenario.startMinute + minutesIn;
const shift = nowMinute - (scenario.startMinute + present);
const recentFrom = present - 60;

const tempDir = mkdtempSync(join(tmpdir(), 'downwatch-demo-'));
const databaseUrl = `sqlite:${join(tempDir, 'demo.db')}`;
let config;
try {
  // The demo feeds its own reports from this machine, so the per-IP limit would only throttle the demo itself;
  // they come from their simulated networks through the loopback hop (replay.ts).
  config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, RATE_LIMIT_IP: '0', TRUST_PROXY: '127.0.0.1' });
} catch (error) {
  rmSync(tempDir, { recursive: true, force: true });
  fail((error as Error).message);
}

log(`Downwatch demo: ${scenario.title}`);
log(`  replayed so that "${incident.label}" began ${minutesIn} minutes ago; ${scenario.notes}`);
const storage = await openStorage(databaseUrl);
let t = performance.now();
const history = await writeHistory(storage, scenario, { fromIndex: 0, toIndex: recentFrom, shiftMinutes: shift }, createRandom(1));
log(`  ${history.toLocaleString('en')} reports of 4 weeks' history written to the counters in ${((performance.now() - t) / 1000).toFixed(1)} s (${databaseUrl})`);

const app = await buildApp({ config, storage, logger: { level: 'warn' } });
const rng = createRandom(2);
const tally = emptyTally();
const networks = new SimulatedNetworks(scenario.networks);
t = performance.now();
for (let index = recentFrom; index < present; index++) {
  await injectReports(app, minuteReports(scenario, index, scenario.startMinute + index + shift, rng), tally, networks);
}
await app.downwatch.stats.refresh({ full: true });
log(`  the last hour, ${tally.counted.toLocaleString('en')} reports, sent through POST /v1/reports in ${((performance.now() - t) / 1000).toFixed(1)} s`);

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  log(`Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}. Set PORT to a free port.`);
  await app.close();
  await storage.close();
  rmSync(tempDir, { recursive: true, force: true });
  process.exit(1);
}
const origin = `http://${config.host}:${config.port}`;

async function describeLevels(): Promise<string> {
  const status = (await app.inject({ method: 'GET', url: '/v1/status' })).json() as StatusResponse;
  return status.services
    .filter((s) => watched.includes(s.id) || s.level !== 'ok')
    .map((s) => `${s.name} ${s.level.toUpperCase()} (${s.count} reports in 15 min, usually ${s.baseline})`)
    .join('; ');
}

log(`  now: ${await describeLevels()}`);

// Live feed: each scenario minute's reports are made when it begins and sent as their seconds come.
let queue: Report[] = [];
let queuedIndex = present - 1;
let stopped = false;
const feed = async () => {
  const index = Math.floor(Date.now() / MINUTE_MS) - shift - scenario.startMinute;
  if (index > queuedIndex && index < scenario.evaluateTo - scenario.startMinute) {
    if (queuedIndex >= present) log(`  ${new Date().toISOString().slice(11, 16)}Z  ${await describeLevels()}`);
    queuedIndex = index;
    queue.push(...minuteReports(scenario, index, scenario.startMinute + index + shift, rng));
  }
  const now = Date.now();
  const due = queue.filter((r) => r.observedAt <= now);
  queue = queue.filter((r) => r.observedAt > now);
  if (due.length) await injectReports(app, due, tally, networks);
};
const timer = setInterval(() => {
  if (!stopped) feed().catch((error: Error) => log(`  feeding failed: ${error.message}`));
}, FEED_EVERY_MS);

// Registered before the "listening" line is written: writes to a pipe are synchronous on Linux, so whoever
// reads that line can signal before the next statement here runs, and the signal must still delete the database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    log('\nStopping the demo server and deleting its database…');
    app.close()
      .then(() => storage.close())
      .finally(() => {
        rmSync(tempDir, { recursive: true, force: true });
        process.exit(0);
      });
  });
}
log(`\nDemo server listening on ${origin} — load the extension (npm run build, then dist/ in chrome://extensions),`);
const site = catalogService(incidentService.id);
log(`open ${site?.pageHosts?.[0] ?? site?.hosts[0] ?? incidentService.id} and look at the popup and the badge. The incident keeps unfolding live; Ctrl-C stops.\n`);
await feed().catch((error: Error) => log(`  feeding failed: ${error.message}`));
