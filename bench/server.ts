// npm run bench:server — one run on loopback. The load generator and the
// server share 2 cores with whatever else runs, so each case is measured in
// ROUNDS short rounds alternating with its ceiling, back to back, and the
// ratio is the median of the per-round ratios: load that comes and goes hits
// both sides alike.
//   ceiling  a bare node:http server answering the same POST / a fixed GET
//   ingest   the real server, a NEW report per request, durable group commit,
//            on SQLite and on PostgreSQL
//   reads    cached GET /v1/status against the bare GET of the same bytes
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runWrk, type LoadResult } from './lib/load.ts';
import { startProcess, type Running } from './lib/processes.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 18);
/** Odd, so the median is one round's ratio; 9 rather than 5 since the host's speed drifts within a minute here. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
/** Unmeasured load before each case, so JIT warm-up is not billed to one side. */
const WARMUP_SECONDS = 2;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORTS = { bare: 18050, sqlite: 18051, postgres: 18052 };
/** Which cases to run (BENCH_CASES=sqlite,postgres,reads; all by default), for quicker runs while tuning one. */
const CASES = new Set((process.env.BENCH_CASES ?? 'sqlite,postgres,reads').split(','));

const dir = mkdtempSync(join(tmpdir(), 'downwatch-bench-'));
const pgSchema = `bench_${process.pid}`;
const running: Running[] = [];

const serverEnv = (databaseUrl: string, port: number) => ({
  PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl,
  // Limits off: one load generator on one IP would be limited by design. Logs at warn, as in production.
  RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0', LOG_LEVEL: 'warn',
});

async function start(entry: string, env: Record<string, string>, ready: string): Promise<Running> {
  const process = await startProcess(entry, env, ready);
  running.push(process);
  return process;
}

async function counted(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/downwatch_reports_total\{status="counted"\} (\d+)/.exec(text)?.[1] ?? 0);
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropPgSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
  await client.end();
}

interface Measured {
  requestsPerSecond: number;
  /** Median of the rounds' p99s. */
  p99Ms: number;
  requests: number;
  errors: number;
}

interface Pair {
  ceiling: Measured;
  subject: Measured;
  /** Median of per-round subject/ceiling ratios. */
  ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function combine(rounds: LoadResult[]): Measured {
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  return {
    requestsPerSecond: rounds.reduce((sum, r) => sum + r.requestsPerSecond, 0) / rounds.length,
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    requests,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Warm both, then ROUNDS alternating rounds of ceiling and subject. */
async function measurePair(ceilingUrl: string, subjectUrl: string, post: boolean): Promise<Pair> {
  const seconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  for (const url of [ceilingUrl, subjectUrl]) await runWrk(url, { post, seconds: WARMUP_SECONDS, connections: CONNECTIONS });
  const ceilings: LoadResult[] = [];
  const subjects: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ceilings.push(await runWrk(ceilingUrl, { post, seconds, connections: CONNECTIONS }));
    subjects.push(await runWrk(subjectUrl, { post, seconds, connections: CONNECTIONS }));
  }
  return {
    ceiling: combine(ceilings),
    subject: combine(subjects),
    ratio: median(subjects.map((s, i) => s.requestsPerSecond / ceilings[i]!.requestsPerSecond)),
  };
}

interface Row {
  name: string;
  result: Measured;
  ratio?: number;
  target?: number;
  note?: string;
}

function printTable(rows: Row[]): void {
  const header = ['case', 'req/s', 'p99 ms', 'ratio', 'target', 'errors', 'note'];
  const lines = rows.map((r) => [
    r.name, r.result.requestsPerSecond.toFixed(0), r.result.p99Ms.toFixed(2),
    r.ratio === undefined ? '(ceiling)' : r.ratio.toFixed(2),
    r.target === undefined ? '' : `≥ ${r.target}${r.ratio !== undefined && r.ratio >= r.target ? ' ✓' : ' ✗'}`,
    String(r.result.errors), r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));
}

async function main(): Promise<void> {
  console.log(`Downwatch server benchmark: wrk -t1 -c${CONNECTIONS}, ${ROUNDS} alternating rounds of ` +
    `${Math.max(1, Math.round(SECONDS / ROUNDS))} s per side after ${WARMUP_SECONDS} s warm-up, 127.0.0.1 only\n`);
  const rows: Row[] = [];
  const bareUrl = `http://127.0.0.1:${PORTS.bare}`;

  const sqliteUrl = `sqlite:${join(dir, 'bench.db')}`;
  const sqlite = await start('server/main.ts', serverEnv(sqliteUrl, PORTS.sqlite), 'Downwatch server listening');
  // The bare GET answers exactly the bytes the real server serves for /v1/status.
  const bodyFile = join(dir, 'status.json');
  writeFileSync(bodyFile, await (await fetch(`http://127.0.0.1:${PORTS.sqlite}/v1/status`)).text());
  await start('bench/lib/bareServer.ts', { PORT: String(PORTS.bare), GET_BODY_FILE: bodyFile }, 'bare server listening');

  if (CASES.has('sqlite')) {
    const sqlitePair = await measurePair(`${bareUrl}/v1/reports`, `http://127.0.0.1:${PORTS.sqlite}/v1/reports`, true);
    rows.push({ name: 'bare node:http POST', result: sqlitePair.ceiling });
    rows.push({
      name: 'ingest SQLite (new report/request)', result: sqlitePair.subject, ratio: sqlitePair.ratio, target: 0.7,
      note: `${await counted(PORTS.sqlite)} counted (incl. warm-up)`,
    });
  }

  if (!CASES.has('postgres')) {
    // left out on request
  } else if (await postgresReachable()) {
    const url = new URL(PG_URL);
    url.searchParams.set('schema', pgSchema);
    const postgres = await start('server/main.ts', serverEnv(url.toString(), PORTS.postgres), 'Downwatch server listening');
    const pgPair = await measurePair(`${bareUrl}/v1/reports`, `http://127.0.0.1:${PORTS.postgres}/v1/reports`, true);
    rows.push({ name: 'bare node:http POST (PG pair)', result: pgPair.ceiling });
    rows.push({
      name: 'ingest PostgreSQL (new report/request)', result: pgPair.subject, ratio: pgPair.ratio, target: 0.5,
      note: `${await counted(PORTS.postgres)} counted (incl. warm-up)`,
    });
    await postgres.stop();
    running.splice(running.indexOf(postgres), 1);
  } else {
    console.log(`PostgreSQL at ${PG_URL} is unreachable: its case is left out.\n`);
  }

  if (CASES.has('reads')) await measureReads(rows, bodyFile, sqlite);
  printTable(rows);
}

async function measureReads(rows: Row[], bodyFile: string, sqlite: Running): Promise<void> {
  const bareUrl = `http://127.0.0.1:${PORTS.bare}`;
  // Refresh the bare body to what the server serves now (the ingest above changed it).
  writeFileSync(bodyFile, await (await fetch(`http://127.0.0.1:${PORTS.sqlite}/v1/status`)).text());
  const bare = running.find((p) => p !== sqlite)!;
  await bare.stop();
  running.splice(running.indexOf(bare), 1);
  await start('bench/lib/bareServer.ts', { PORT: String(PORTS.bare), GET_BODY_FILE: bodyFile }, 'bare server listening');
  const readPair = await measurePair(`${bareUrl}/v1/status`, `http://127.0.0.1:${PORTS.sqlite}/v1/status`, false);
  rows.push({ name: 'bare node:http GET', result: readPair.ceiling });
  rows.push({ name: 'cached GET /v1/status', result: readPair.subject, ratio: readPair.ratio, target: 0.85 });
}

try {
  await main();
} finally {
  for (const process of running) await process.stop();
  await dropPgSchema().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
