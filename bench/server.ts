// npm run bench:server — the server against a bare node:http server, on
// loopback, in the default configuration (LOG_LEVEL=info with request logs
// written to a file, rate limits on, TRUST_PROXY=127.0.0.1 and a new
// X-Forwarded-For network per request). The figure that matters is the CPU
// time per request of the server side, read from /proc around each wrk run:
// the load generator shares the 2 cores, so requests/s swing with the
// machine while CPU per request holds (TOOLCHAIN.md). Each case runs ROUNDS
// rounds alternating with its ceiling; the ratio (bare µs ÷ ours) is the
// median of the per-round ratios.
//   ingest  a NEW report per request (new id, client and network; durable group commit) on SQLite and
//           PostgreSQL (server process + its backends + WAL writer + checkpointer) against a bare POST
//   reads   cached GET /v1/status and GET /v1/services/x, and the status site's cached pages / and /s/x,
//           against a bare GET of the same bytes
// docs/benchmarks.md has the latest table and what limits each case.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshot, spentUs, threadTicks, TICK_US, type CpuSubject } from './lib/cpu.ts';
import { runWrk, type LoadResult } from './lib/load.ts';
import { dropSchema, postgresPids, postgresReachable } from './lib/postgresProcesses.ts';
import { startProcess, type Running } from './lib/processes.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Odd, so the median is one round's figure. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
/** Unmeasured load before each case, so JIT warm-up is billed to neither side. */
const WARMUP_SECONDS = 3;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 18050);
const PORTS = { bare: PORT_BASE, sqlite: PORT_BASE + 1, postgres: PORT_BASE + 2 };
/** Which cases to run (BENCH_CASES=sqlite,postgres,reads; all by default). */
const CASES = new Set((process.env.BENCH_CASES ?? 'sqlite,postgres,reads').split(','));
/** The proxy hop every request comes through; GETs name one client network too. */
const FORWARDED = ['X-Forwarded-For: 10.20.30.40'];

const dir = mkdtempSync(join(tmpdir(), 'downwatch-bench-'));
const pgSchema = `bench_${process.pid}`;
const pgApplication = `downwatch-bench-${process.pid}`;
const running: Running[] = [];

/** The default configuration, but for the port, the database and the proxy the load comes through. */
const serverEnv = (databaseUrl: string, port: number) => ({
  PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info',
  RATE_LIMIT_IP: '', RATE_LIMIT_CLIENT: '',
});

async function start(name: string, entry: string, env: Record<string, string>, ready: string): Promise<Running> {
  const started = await startProcess(entry, env, ready, join(dir, `${name}.log`));
  running.push(started);
  return started;
}

async function stop(process: Running): Promise<void> {
  await process.stop();
  running.splice(running.indexOf(process), 1);
}

async function counted(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/downwatch_reports_total\{status="counted"\} (\d+)/.exec(text)?.[1] ?? 0);
}

interface Side {
  url: string;
  cpu: CpuSubject;
  /** Extra CPU readings shown in the note (e.g. PostgreSQL alone), µs per request. */
  parts?: Record<string, CpuSubject>;
}

interface Round {
  load: LoadResult;
  us: number;
  parts: Record<string, number>;
}

async function measure(side: Side, post: boolean): Promise<Round> {
  const partNames = Object.keys(side.parts ?? {});
  const before = await snapshot(side.cpu);
  const partsBefore = await Promise.all(partNames.map((n) => snapshot(side.parts![n]!)));
  const load = await runWrk(side.url, { post, seconds: SECONDS, connections: CONNECTIONS, headers: post ? [] : FORWARDED });
  const after = await snapshot(side.cpu);
  const partsAfter = await Promise.all(partNames.map((n) => snapshot(side.parts![n]!)));
  const spent = spentUs(before, after);
  if (spent.lost > 0) console.warn(`  (${spent.lost} measured process(es) ended during a round: their last CPU is missing)`);
  const parts = Object.fromEntries(partNames.map((n, i) => [n, spentUs(partsBefore[i]!, partsAfter[i]!).us / load.requests]));
  return { load, us: spent.us / load.requests, parts };
}

interface Pair {
  ceiling: Round[];
  subject: Round[];
  /** Median of per-round ratios, CPU (bare µs ÷ ours) and throughput (ours ÷ bare). */
  cpuRatio: number;
  rateRatio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Warm both, then ROUNDS alternating rounds of ceiling and subject. */
async function measurePair(ceiling: Side, subject: Side, post: boolean): Promise<Pair> {
  for (const side of [ceiling, subject]) {
    await runWrk(side.url, { post, seconds: WARMUP_SECONDS, connections: CONNECTIONS, headers: post ? [] : FORWARDED });
  }
  const ceilings: Round[] = [];
  const subjects: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ceilings.push(await measure(ceiling, post));
    subjects.push(await measure(subject, post));
  }
  return {
    ceiling: ceilings,
    subject: subjects,
    cpuRatio: median(subjects.map((s, i) => ceilings[i]!.us / s.us)),
    rateRatio: median(subjects.map((s, i) => s.load.requestsPerSecond / ceilings[i]!.load.requestsPerSecond)),
  };
}

interface Row {
  name: string;
  pair: Pair;
  target: number;
  note?: string;
}

const sum = (rounds: Round[], pick: (r: Round) => number) => rounds.reduce((total, r) => total + pick(r), 0);

function printTable(rows: Row[]): void {
  const header = ['case', 'req/s (bare)', 'p99 ms', 'CPU µs/req (bare)', 'ratio bare÷ours', 'target', 'req/s ratio', 'errors', 'note'];
  const lines = rows.map(({ name, pair, target, note }) => {
    const rate = (rounds: Round[]) => (sum(rounds, (r) => r.load.requestsPerSecond) / rounds.length).toFixed(0);
    const us = (rounds: Round[]) => median(rounds.map((r) => r.us)).toFixed(1);
    return [
      name, `${rate(pair.subject)} (${rate(pair.ceiling)})`, median(pair.subject.map((r) => r.load.p99Ms)).toFixed(2),
      `${us(pair.subject)} (${us(pair.ceiling)})`, pair.cpuRatio.toFixed(2),
      `≥ ${target}${pair.cpuRatio >= target ? ' ✓' : ' ✗'}`, pair.rateRatio.toFixed(2),
      String(sum(pair.subject, (r) => r.load.errors) + sum(pair.ceiling, (r) => r.load.errors)), note ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));
}

const processCpu = (pid: number): CpuSubject => ({ pids: async () => [pid] });

/** µs per request on the event loop and on the other threads (workers, libuv pool, V8's GC helpers) over one extra round. */
async function threadNote(pid: number, url: string, post: boolean): Promise<string> {
  const before = threadTicks(pid);
  const load = await runWrk(url, { post, seconds: SECONDS, connections: CONNECTIONS, headers: post ? [] : FORWARDED });
  const after = threadTicks(pid);
  const us = (ticks: number) => ((ticks * TICK_US) / load.requests).toFixed(1);
  return `event loop ${us(after.main - before.main)}, other threads ${us(after.others - before.others)}`;
}

/** The body the server answers at `url`, in a file whose extension gives the bare server its content type. */
async function bodyFile(name: string, url: string, extension = 'json'): Promise<string> {
  const file = join(dir, `${name}.${extension}`);
  writeFileSync(file, await (await fetch(url)).text());
  return file;
}

async function main(): Promise<void> {
  console.log(`Downwatch server benchmark: wrk -t1 -c${CONNECTIONS}, ${ROUNDS} alternating rounds of ${SECONDS} s per side ` +
    `after ${WARMUP_SECONDS} s warm-up each, 127.0.0.1 only; servers in the default configuration (LOG_LEVEL=info, ` +
    `logs to a file, rate limits on, TRUST_PROXY=127.0.0.1); CPU from /proc (1 tick = ${TICK_US} µs)\n`);
  const rows: Row[] = [];
  const bareUrl = `http://127.0.0.1:${PORTS.bare}`;
  const sqliteBase = `http://127.0.0.1:${PORTS.sqlite}`;
  const sqlite = await start('sqlite', 'server/main.ts', serverEnv(`sqlite:${join(dir, 'bench.db')}`, PORTS.sqlite), 'Downwatch server listening');
  let bare = await start('bare', 'bench/lib/bareServer.ts', { PORT: String(PORTS.bare) }, 'bare server listening');

  if (CASES.has('sqlite')) {
    const pair = await measurePair(
      { url: `${bareUrl}/v1/reports`, cpu: processCpu(bare.pid) },
      { url: `${sqliteBase}/v1/reports`, cpu: processCpu(sqlite.pid) }, true);
    const threads = await threadNote(sqlite.pid, `${sqliteBase}/v1/reports`, true);
    rows.push({ name: 'ingest SQLite', pair, target: 0.7, note: `by thread: ${threads}; ${await counted(PORTS.sqlite)} counted` });
  }

  if (!CASES.has('postgres')) {
    // left out on request
  } else if (await postgresReachable(PG_URL)) {
    const url = new URL(PG_URL);
    url.searchParams.set('schema', pgSchema);
    url.searchParams.set('application_name', pgApplication);
    const postgres = await start('postgres', 'server/main.ts', serverEnv(url.toString(), PORTS.postgres), 'Downwatch server listening');
    const backends: CpuSubject = { pids: async () => (await postgresPids(PG_URL, pgApplication)).backends };
    const shared: CpuSubject = { pids: async () => (await postgresPids(PG_URL, pgApplication)).shared };
    const pair = await measurePair(
      { url: `${bareUrl}/v1/reports`, cpu: processCpu(bare.pid) },
      {
        url: `http://127.0.0.1:${PORTS.postgres}/v1/reports`,
        cpu: { pids: async () => [postgres.pid, ...Object.values(await postgresPids(PG_URL, pgApplication)).flat()] },
        parts: { node: processCpu(postgres.pid), backends, walAndCheckpoint: shared },
      }, true);
    const part = (name: string) => median(pair.subject.map((r) => r.parts[name]!)).toFixed(1);
    rows.push({
      name: 'ingest PostgreSQL (server + backends)', pair, target: 0.5,
      note: `Node ${part('node')}, backends ${part('backends')}, WAL writer + checkpointer ${part('walAndCheckpoint')}; ${await counted(PORTS.postgres)} counted`,
    });
    await stop(postgres);
  } else {
    console.log(`PostgreSQL at ${PG_URL} is unreachable: its case is left out.\n`);
  }

  if (CASES.has('reads')) {
    // The bare GETs answer the bytes the server serves now (after the ingest above).
    await stop(bare);
    const bodies = {
      '/v1/status': await bodyFile('status', `${sqliteBase}/v1/status`),
      '/v1/services/x': await bodyFile('detail', `${sqliteBase}/v1/services/x`),
      '/': await bodyFile('home', `${sqliteBase}/`, 'html'),
      '/s/x': await bodyFile('service', `${sqliteBase}/s/x`, 'html'),
    };
    bare = await start('bare-get', 'bench/lib/bareServer.ts', { PORT: String(PORTS.bare), GET_BODIES: JSON.stringify(bodies) }, 'bare server listening');
    for (const [path, target] of [['/v1/status', 0.85], ['/v1/services/x', 0.85], ['/', 0.85], ['/s/x', 0.85]] as const) {
      const pair = await measurePair(
        { url: `${bareUrl}${path}`, cpu: processCpu(bare.pid) }, { url: `${sqliteBase}${path}`, cpu: processCpu(sqlite.pid) }, false);
      rows.push({ name: `cached GET ${path}${path.startsWith('/v1/') ? '' : ' (site page)'}`, pair, target });
    }
  }
  console.log('');
  printTable(rows);
}

try {
  await main();
} finally {
  for (const process of [...running]) await process.stop();
  await dropSchema(PG_URL, pgSchema).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
