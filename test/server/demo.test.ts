// `npm run demo` (server/sim/demo.ts) as a child process on a test port: as
// soon as it says it is listening, GET /v1/status shows X in outage (the seed
// scenario moved so that its incident began --minutes-in minutes ago, 8 by
// default), the 24-hour chart holds the scenario's counts, and SIGTERM stops
// it with code 0 and deletes its database.
//
// The demo makes its database under os.tmpdir() (it reads no DATABASE_URL),
// so TMPDIR points it into a directory of this test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceDetail, StatusResponse } from '../../src/core/protocol.ts';
import { buildScenario } from '../../server/sim/scenarios/index.ts';
import { totalCounts } from '../../server/sim/scenarios/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 18074;
const MINUTE_MS = 60_000;
const MINUTES_IN = 8; // the demo's documented default

interface Demo {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Spawns the demo with its temporary files under `dir`; resolves once it says it is listening. */
async function startDemo(
  port: number, dir: string, onReady?: (child: ChildProcess) => void, preload?: string,
): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(preload ? ['--import', preload] : []), 'server/sim/demo.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TMPDIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 40 s:\n${output}`)), 40_000);
    let ready = false;
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (!ready && output.includes('Demo server listening on')) {
        ready = true;
        clearTimeout(timer);
        onReady?.(child); // in the same tick as the line arrives
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${output}`));
    });
  });
  try {
    await started;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, output: () => output, exited };
}

async function stopDemo(demo: Demo | undefined): Promise<void> {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
    demo.child.kill('SIGKILL');
    await demo.exited;
  }
}

const demoDirectories = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('downwatch-demo-'));

describe('npm run demo', () => {
  let dir: string;
  let demo: Demo | undefined;
  let output = () => '';
  let spawnedAt: number;
  let readyAt: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'downwatch-demo-test-'));
    spawnedAt = Date.now();
    demo = await startDemo(PORT, dir);
    output = demo.output;
    readyAt = Date.now();
  });
  afterAll(async () => {
    await stopDemo(demo);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts within seconds, on PORT, with its database in a temporary directory', () => {
    expect(readyAt - spawnedAt).toBeLessThan(30_000);
    expect(output()).toContain(`Demo server listening on http://127.0.0.1:${PORT}`);
    const database = /\(sqlite:(\S+)\)/.exec(output())?.[1];
    expect(database).toBeDefined();
    expect(dirname(dirname(database!))).toBe(dir);
    expect(existsSync(database!)).toBe(true);
  });

  it('shows X in outage as soon as it starts, since the incident began, and every other service ok', async () => {
    expect(output()).toMatch(/ {2}now: X OUTAGE \(\d+ reports in 15 min, usually [\d.]+\)/);
    const status = (await (await fetch(`http://127.0.0.1:${PORT}/v1/status`)).json()) as StatusResponse;
    const x = status.services.find((s) => s.id === 'x');
    expect(x?.level).toBe('outage');
    // The incident began MINUTES_IN minutes before the demo's start; the outage cannot predate it.
    const incidentBeganNoEarlierThan = (Math.floor(spawnedAt / MINUTE_MS) - MINUTES_IN) * MINUTE_MS;
    expect(x!.since).not.toBeNull();
    expect(x!.since!).toBeGreaterThanOrEqual(incidentBeganNoEarlierThan);
    expect(x!.since!).toBeLessThanOrEqual(status.generatedAt);
    expect(status.services.filter((s) => s.id !== 'x').map((s) => s.level)).toEqual(status.services.filter((s) => s.id !== 'x').map(() => 'ok'));
    expect(status.services.length).toBeGreaterThan(1);
  });

  it('holds the seed scenario moved to now: the 24-hour chart\'s finished buckets are the scenario\'s counts', async () => {
    const detail = (await (await fetch(`http://127.0.0.1:${PORT}/v1/services/x?hours=24`)).json()) as ServiceDetail;
    expect(detail.series).toHaveLength(24 * 4);
    const scenario = buildScenario('seed');
    const x = totalCounts(scenario.services.find((s) => s.id === 'x')!);
    const incident = scenario.services.find((s) => s.id === 'x')!.incidents[0]!;
    // demo.ts: scenario minute m is shown at m + shift, shift = (its start minute) - (incident.start + MINUTES_IN).
    // Its start minute lies between our spawn and its ready line; one of those shifts must fit every bucket that
    // ended before it started (later minutes are still being fed live).
    const candidates: number[] = [];
    for (let start = Math.floor(spawnedAt / MINUTE_MS); start <= Math.floor(readyAt / MINUTE_MS); start++) candidates.push(start);
    const fits = candidates.filter((start) => {
      const shift = start - (incident.start + MINUTES_IN);
      const finished = detail.series.filter((b) => b.t / MINUTE_MS + detail.bucketMinutes <= start);
      if (finished.length < 24 * 4 - 2) return false;
      return finished.every((b) => {
        let expected = 0;
        for (let m = b.t / MINUTE_MS; m < b.t / MINUTE_MS + detail.bucketMinutes; m++) expected += x[m - shift - scenario.startMinute] ?? 0;
        return b.count === expected;
      });
    });
    expect(fits).toHaveLength(1);
    expect(detail.series.reduce((sum, b) => sum + b.count, 0)).toBeGreaterThan(detail.count);
  });

  it('SIGTERM stops it with code 0 and deletes its database', async () => {
    demo!.child.kill('SIGTERM');
    expect(await demo!.exited).toBe(0);
    expect(output()).toContain('Stopping the demo server and deleting its database');
    expect(demoDirectories(dir)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${PORT}/healthz`)).rejects.toThrow();
  });
});

describe('npm run demo, stopped the moment it says it is listening', () => {
  let dir: string;
  let demo: Demo | undefined;
  afterAll(async () => {
    await stopDemo(demo);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('still exits with 0 and deletes its database (Ctrl-C right after the banner)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'downwatch-demo-test-'));
    demo = await startDemo(PORT + 1, dir, (child) => child.kill('SIGTERM'));
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Stopping the demo server and deleting its database');
    expect(demoDirectories(dir)).toEqual([]);
  });

  it('exits with 0 and deletes its database when SIGTERM arrives while the banner is being written', async () => {
    const early = mkdtempSync(join(tmpdir(), 'downwatch-demo-test-'));
    try {
      const started = startDemo(PORT + 2, early, undefined, './test/server/helpers/signalOnBanner.mjs');
      const stopped = await started.catch((error: Error) => error);
      // The demo may stop before startDemo sees the whole banner; either way it must end with 0, having cleaned up.
      const exited = stopped instanceof Error ? Number(/exited with (\S+)/.exec(stopped.message)?.[1]) : await stopped.exited;
      expect(exited).toBe(0);
      expect(demoDirectories(early)).toEqual([]);
    } finally {
      rmSync(early, { recursive: true, force: true });
    }
  });
});
