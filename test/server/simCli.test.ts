// `npm run simulate` (server/sim/cli.ts) as a child process: a bad argument
// exits with code 2 and the usage text before anything runs; good ones run the
// scenario in-process (--database kept) or over HTTP (--url).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildScenario } from '../../server/sim/scenarios/index.ts';
import { totalCounts } from '../../server/sim/scenarios/types.ts';
import { sqliteDatabase, type TestDatabase } from './helpers/databases.ts';
import { startListeningApp, type ListeningApp } from './helpers/listeningApp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 18073;

interface Run { code: number | null; stdout: string; stderr: string; seconds: number }

// Generous: the simulator sends one request per simulated network (server/sim/replay.ts), ~10,000 for seed.
const RUN_MS = 75_000;

function simulate(args: string[], timeoutMs = RUN_MS): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sim/cli.ts', ...args], {
    cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simulate ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}

describe('npm run simulate: the command line', () => {
  // Each refusal is a unit test of the parser (simArgs.test.ts); this proves the wiring once.
  it('a refused argument exits with code 2, the reason and the usage, before anything runs', async () => {
    const run = await simulate(['--scenario', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith('Unknown scenario "nope".\n\nUsage: npm run simulate -- --scenario NAME')).toBe(true);
    // Nothing ran: the scenario banner comes only after the arguments are accepted.
    expect(run.stdout).toBe('');
  });

  it('--help prints the usage and exits with 0', async () => {
    const run = await simulate(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run simulate -- --scenario NAME');
    expect(run.stderr).toBe('');
  });
});

describe('npm run simulate: runs', () => {
  let db: TestDatabase;
  let live: ListeningApp | undefined;

  beforeAll(async () => {
    db = sqliteDatabase();
    live = await startListeningApp({ port: PORT });
  });
  afterAll(async () => {
    await live?.stop();
    await db?.drop();
  });

  it('--scenario seed --hours 2 --database: X goes to outage in the incident, and the database is kept', async () => {
    const run = await simulate(['--scenario', 'seed', '--hours', '2', '--database', db.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const incident = buildScenario('seed').services.find((s) => s.id === 'x')!.incidents[0]!;
    const changes = [...run.stdout.matchAll(/^ {2}\S+ \S+Z {2}(\S+) +(\w+) +→ (\w+) .*$/gm)].map((m) => `${m[1]} ${m[2]}→${m[3]}`);
    expect(changes).toContain('x ok→outage');
    expect(changes.every((c) => c.startsWith('x '))).toBe(true);
    expect(run.stdout).toContain(`[${incident.label}: +`);
    expect(run.stdout).toMatch(/Reports: [\d,]+ sent, [\d,]+ counted, 0 suppressed, 0 duplicate, 0 rejected; 120 minutes in /);
    expect(existsSync(db.url.slice('sqlite:'.length))).toBe(true);
  }, RUN_MS + 5_000);

  it('--url sends the incident from 10 minutes before to 20 after, and the server counts every report', async () => {
    const scenario = buildScenario('seed');
    const incident = scenario.services.find((s) => s.id === 'x')!.incidents[0]!;
    const fromIndex = incident.start - 10 - scenario.startMinute;
    const toIndex = incident.end + 20 - scenario.startMinute;
    const expected = scenario.services.reduce((sum, s) => sum + totalCounts(s).subarray(fromIndex, toIndex).reduce((a, b) => a + b, 0), 0);

    const run = await simulate(['--scenario', 'seed', '--url', `http://127.0.0.1:${PORT}`, '--speed', '1000']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Sending ${toIndex - fromIndex} scenario minutes to http://127.0.0.1:${PORT} at 1000×`);
    expect(run.stdout).toContain(`Done: ${expected} reports sent, ${expected} counted, 0 suppressed, 0 duplicate, 0 rejected.`);
    const metrics = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
    expect(metrics).toContain(`downwatch_reports_total{status="counted"} ${expected}\n`);
    expect(metrics).not.toMatch(/downwatch_reports_total\{status="(rejected|suppressed|duplicate)"\}/);
  }, RUN_MS + 5_000);
});
