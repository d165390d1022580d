// npm run bench:server-profile — where the server's CPU goes, per request,
// against the bare node:http server: both run under `perf record` (on-CPU
// samples of every thread, JavaScript named through --perf-basic-prof) while
// wrk loads them the way bench:server does, and the samples are summed by
// kind of code, over PROFILE_ROUNDS rounds alternating between the two (the
// machine's load comes and goes). Needs Linux perf; PROFILE_CASE=post
// (default, SQLite ingest) or get (cached GET /v1/status), PROFILE_SECONDS
// (6 per round), PROFILE_ROUNDS (3).
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWrk } from './lib/load.ts';
import { startProcess, type Running } from './lib/processes.ts';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 6);
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 3);
const CASE = process.env.PROFILE_CASE ?? 'post';
const HZ = 1999;
const PORTS = { bare: 18070, server: 18071 };
const dir = mkdtempSync(join(tmpdir(), 'downwatch-profile-'));
const running: Running[] = [];

const ROOT = fileURLToPath(new URL('../', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Kinds of code, tried in order on each sample's "object symbol" as perf reports it. */
const KINDS: Array<[string, RegExp]> = [
  ['our JavaScript (server/, src/)', new RegExp(`JS:.*file://${ROOT}(server|src)/`)],
  ['Node.js JavaScript (node:http, streams, …)', /JS:.*node:/],
  ['other JavaScript (Ajv validators, libraries)', /JS:/],
  ['SQLite (better-sqlite3)', /^better_sqlite3\.node /],
  ['V8: garbage collection', /^node .*(Scaveng|MarkCompact|Sweep|Evacuat|Heap::|RecordWrite|ConcurrentMarking|MinorMark)/],
  ['V8: runtime and builtins (JSON, strings, property access)', /^node .*(v8::|Builtins_)/],
  ['Node.js native (HTTP parser, streams)', /^(node|libstdc\+\+\S*) /],
  ['kernel (sockets, files, scheduling)', /^\[kernel/],
  ['libc (memory, system call wrappers)', /./],
];

function perfAvailable(): boolean {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Profiled {
  samples: Map<string, number>;
  /** Our own functions' samples, by function. */
  functions: Map<string, number>;
  requests: number;
}

/** Records `pid` (all threads) while wrk loads `url`, adding its samples by kind and its requests to `into`. */
async function profile(name: string, pid: number, url: string, post: boolean, into: Profiled): Promise<void> {
  const data = join(dir, `${name}.data`);
  const recorder = spawn('perf', ['record', '-e', 'cpu-clock', '-F', String(HZ), '-p', String(pid), '-o', data, '--', 'sleep', String(SECONDS + 1)], { stdio: 'ignore' });
  const done = new Promise((resolve) => recorder.once('exit', resolve));
  const load = await runWrk(url, { post, seconds: SECONDS, connections: 100, headers: post ? [] : ['X-Forwarded-For: 10.20.30.40'] });
  await done;
  const report = execFileSync('perf', ['report', '-i', data, '--no-children', '-n', '--sort', 'dso,sym', '--stdio', '-g', 'none'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of report.split('\n')) {
    // "  1.59%  188  [JIT] tid 14086  [.] JS:*send file:///…": samples, then the object, then the symbol.
    const match = /^\s+[\d.]+%\s+(\d+)\s+(.*?)\s+\[[.k]\]\s+(.*)$/.exec(line);
    if (!match) continue;
    match[2] = `${match[2]!.replace(/^\[JIT\].*/, '[JIT]')} ${match[3]}`;
    const kind = KINDS.find(([, pattern]) => pattern.test(match[2]!))![0];
    into.samples.set(kind, (into.samples.get(kind) ?? 0) + Number(match[1]));
    if (kind === KINDS[0]![0]) {
      const fn = match[3]!.replace(/^JS:[*~^]?/, '').replace(new RegExp(`file://${ROOT}(\\S+?):\\d+:\\d+`), '$1').trim();
      into.functions.set(fn, (into.functions.get(fn) ?? 0) + Number(match[1]));
    }
  }
  into.requests += load.requests;
}

const usPerRequest = (side: Profiled, kind: string) => ((side.samples.get(kind) ?? 0) * 1e6) / HZ / side.requests;

async function main(): Promise<void> {
  if (!perfAvailable()) {
    console.log('perf is not installed (apt-get install linux-perf): nothing to profile.');
    return;
  }
  const post = CASE !== 'get';
  const env = { PORT: String(PORTS.server), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'profile.db')}`, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' };
  const server = await startProcess('server/main.ts', env, 'Downwatch server listening', join(dir, 'server.log'), ['--perf-basic-prof']);
  running.push(server);
  const path = post ? '/v1/reports' : '/v1/status';
  const bodyFile = join(dir, 'status.json');
  writeFileSync(bodyFile, await (await fetch(`http://127.0.0.1:${PORTS.server}/v1/status`)).text());
  const bare = await startProcess('bench/lib/bareServer.ts', { PORT: String(PORTS.bare), GET_BODIES: JSON.stringify({ '/v1/status': bodyFile }) },
    'bare server listening', join(dir, 'bare.log'), ['--perf-basic-prof']);
  running.push(bare);
  const urls = { bare: `http://127.0.0.1:${PORTS.bare}${path}`, server: `http://127.0.0.1:${PORTS.server}${path}` };
  for (const url of Object.values(urls)) await runWrk(url, { post, seconds: 3, connections: 100 });
  const sides: Record<'bare' | 'server', Profiled> = {
    bare: { samples: new Map(), functions: new Map(), requests: 0 },
    server: { samples: new Map(), functions: new Map(), requests: 0 },
  };
  for (let round = 0; round < ROUNDS; round++) {
    await profile('bare', bare.pid, urls.bare, post, sides.bare);
    await profile('server', server.pid, urls.server, post, sides.server);
  }
  console.log(`On-CPU µs per request, ${post ? 'POST /v1/reports (SQLite, a new report, client and network each)' : 'GET /v1/status'}, ` +
    `perf at ${HZ} Hz, ${ROUNDS} alternating rounds of ${SECONDS} s\n`);
  console.log('| kind of code | bare node:http | server | difference |');
  console.log('|---|---|---|---|');
  let totals = [0, 0];
  for (const [kind] of KINDS) {
    const [b, o] = [usPerRequest(sides.bare, kind), usPerRequest(sides.server, kind)];
    totals = [totals[0]! + b, totals[1]! + o];
    console.log(`| ${kind} | ${b.toFixed(1)} | ${o.toFixed(1)} | ${(o - b >= 0 ? '+' : '')}${(o - b).toFixed(1)} |`);
  }
  console.log(`| total | ${totals[0]!.toFixed(1)} | ${totals[1]!.toFixed(1)} | +${(totals[1]! - totals[0]!).toFixed(1)} |`);
  console.log('\nOur own functions (self time, with what V8 inlined into them), µs per request:\n');
  for (const [fn, samples] of [...sides.server.functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${((samples * 1e6) / HZ / sides.server.requests).toFixed(2).padStart(6)}  ${fn}`);
  }
}

try {
  await main();
} finally {
  for (const process of running) {
    await process.stop();
    // --perf-basic-prof's symbol map of that process.
    rmSync(join(tmpdir(), `perf-${process.pid}.map`), { force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}
