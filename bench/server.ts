// npm run bench:server — one run on loopback (2 shared cores: compare the
// ratios, not absolute numbers across runs):
//   ceiling  a bare node:http server answering the same POST / a fixed GET
//   ingest   the real server, a NEW report per request, durable group commit,
//            on SQLite and on PostgreSQL
//   reads    cached GET /v1/status against the bare GET
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runWrk, type LoadResult } from './lib/load.ts';
import { startProcess, type Running } from './lib/processes.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Unmeasured load before each case, so JIT warm-up is not billed to one side. */
const WARMUP_SECONDS = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORTS = { bare: 18050, sqlite: 18051, postgres: 18052 };

const dir = mkdtempSync(join(tmpdir(), 'downwatch-bench-'));
const pgSchema = `bench_${process.pid}`;
const running: Running[] = [];

const serverEnv = (databaseUrl: string, port: number) => ({
  PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl,
  // Limits off: one load generator on one IP would be limited by design. Request logs at warn, as in production.
  RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0', LOG_LEVEL: 'warn',
});

async function countedBy(port: number): Promise<number> {
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

interface Row {
  name: string;
  result: LoadResult;
  ceiling?: LoadResult;
  target?: number;
  note?: string;
}

async function measure(url: string, post: boolean): Promise<LoadResult> {
  await runWrk(url, { post, seconds: WARMUP_SECONDS, connections: CONNECTIONS });
  return runWrk(url, { post, seconds: SECONDS, connections: CONNECTIONS });
}

async function ingestCase(name: string, databaseUrl: string, port: number, ceiling: LoadResult, target: number): Promise<Row> {
  const server = await startProcess('server/main.ts', serverEnv(databaseUrl, port), 'Downwatch server listening');
  running.push(server);
  const result = await measure(`http://127.0.0.1:${port}/v1/reports`, true);
  const counted = await countedBy(port);
  await server.stop();
  running.splice(running.indexOf(server), 1);
  return { name, result, ceiling, target, note: `${counted} counted / ${result.requests} requests` };
}

function printTable(rows: Row[]): void {
  const header = ['case', 'req/s', 'p99 ms', 'ratio', 'target', 'errors', 'note'];
  const lines = rows.map((r) => {
    const ratio = r.ceiling ? r.result.requestsPerSecond / r.ceiling.requestsPerSecond : undefined;
    return [
      r.name, r.result.requestsPerSecond.toFixed(0), r.result.p99Ms.toFixed(2),
      ratio === undefined ? '(ceiling)' : ratio.toFixed(2),
      r.target === undefined ? '' : `≥ ${r.target}${ratio !== undefined && ratio >= r.target ? ' ✓' : ' ✗'}`,
      String(r.result.errors), r.note ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));
}

async function main(): Promise<void> {
  console.log(`Downwatch server benchmark: wrk -t1 -c${CONNECTIONS}, ${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up, 127.0.0.1 only\n`);
  const rows: Row[] = [];

  const sqliteUrl = `sqlite:${join(dir, 'bench.db')}`;
  // Status body for the bare GET: exactly the bytes the real server will serve.
  const bodyFile = join(dir, 'status.json');
  const probe = await startProcess('server/main.ts', serverEnv(sqliteUrl, PORTS.sqlite), 'Downwatch server listening');
  writeFileSync(bodyFile, await (await fetch(`http://127.0.0.1:${PORTS.sqlite}/v1/status`)).text());
  await probe.stop();

  const bare = await startProcess('bench/lib/bareServer.ts', { PORT: String(PORTS.bare), GET_BODY_FILE: bodyFile }, 'bare server listening');
  running.push(bare);
  const postCeiling = await measure(`http://127.0.0.1:${PORTS.bare}/v1/reports`, true);
  rows.push({ name: 'bare node:http POST', result: postCeiling });
  const getCeiling = await measure(`http://127.0.0.1:${PORTS.bare}/v1/status`, false);
  await bare.stop();
  running.splice(running.indexOf(bare), 1);

  rows.push(await ingestCase('ingest SQLite (new report/request)', sqliteUrl, PORTS.sqlite, postCeiling, 0.7));
  if (await postgresReachable()) {
    const url = new URL(PG_URL);
    url.searchParams.set('schema', pgSchema);
    rows.push(await ingestCase('ingest PostgreSQL (new report/request)', url.toString(), PORTS.postgres, postCeiling, 0.5));
  } else {
    console.log(`PostgreSQL at ${PG_URL} is unreachable: its case is left out.\n`);
  }

  rows.push({ name: 'bare node:http GET', result: getCeiling });
  const reader = await startProcess('server/main.ts', serverEnv(sqliteUrl, PORTS.sqlite), 'Downwatch server listening');
  running.push(reader);
  const cached = await measure(`http://127.0.0.1:${PORTS.sqlite}/v1/status`, false);
  rows.push({ name: 'cached GET /v1/status', result: cached, ceiling: getCeiling, target: 0.85 });
  await reader.stop();
  running.splice(running.indexOf(reader), 1);

  printTable(rows);
}

try {
  await main();
} finally {
  for (const process of running) await process.stop();
  await dropPgSchema().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
