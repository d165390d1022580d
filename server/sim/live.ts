// Sends a scenario to a running server over HTTP, paced in real time
// (`speed` scenario minutes per real minute), as the extension would: valid
// reports observed "now", at most 50 per request, a fresh install id per
// report, Retry-After honoured on 429, retries (same ids: idempotent) on
// network errors and 5xx. Each report names its simulated network in
// X-Forwarded-For (replay.ts): start the server with TRUST_PROXY=127.0.0.1,
// or every report comes from one network and most are not counted.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Report, ReportResponse, ResultStatus, StatusResponse } from '../../src/core/protocol.ts';
import type { Random } from './scenarios/random.ts';
import { reportsForMinute } from './scenarios/reports.ts';
import type { Scenario } from './scenarios/types.ts';
import { chunked, emptyTally, SimulatedNetworks, type Tally } from './replay.ts';

const MAX_ATTEMPTS = 6;

export interface LiveOptions {
  url: string;
  scenario: Scenario;
  fromIndex: number;
  toIndex: number;
  speed: number;
  rng: Random;
  log(line: string): void;
}

async function post(base: URL, reports: Report[], network: string, log: (line: string) => void): Promise<ReportResponse> {
  for (let attempt = 1; ; attempt++) {
    let wait = Math.min(30_000, 500 * 2 ** attempt);
    try {
      const response = await fetch(new URL('/v1/reports', base), {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': network }, body: JSON.stringify({ reports }),
      });
      if (response.ok) return (await response.json()) as ReportResponse;
      const body = await response.text();
      if (response.status === 429) {
        wait = Number(response.headers.get('retry-after') ?? '1') * 1000;
        log(`  server rate-limited us (429); waiting ${wait / 1000} s — start it with RATE_LIMIT_IP=0 for big scenarios`);
      } else if (response.status < 500) {
        throw new Error(`server refused the reports (${response.status}): ${body}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('server refused')) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`cannot reach ${base.origin}: ${(error as Error).message}`);
    }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`gave up after ${MAX_ATTEMPTS} attempts`);
    await sleep(wait);
  }
}

export async function sendLive(options: LiveOptions): Promise<Tally> {
  const { scenario, rng, log } = options;
  const base = new URL(options.url);
  const health = await fetch(new URL('/healthz', base)).catch((error: Error) => {
    throw new Error(`no Downwatch server answers at ${base.origin} (${error.message}); start one with npm run server`);
  });
  if (!health.ok) throw new Error(`${base.origin}/healthz answered ${health.status}`);

  const tally = emptyTally();
  const networks = new SimulatedNetworks(scenario.networks);
  const realMinuteMs = 60_000 / options.speed;
  const watched = scenario.services.filter((s) => s.incidents.length > 0).map((s) => s.id);
  for (let index = options.fromIndex; index < options.toIndex; index++) {
    const started = Date.now();
    const reports = scenario.services.flatMap((s) => reportsForMinute(rng, s, index, 0));
    const chunks = chunked(reports);
    for (let k = 0; k < chunks.length; k++) {
      const due = started + (k * realMinuteMs) / chunks.length;
      if (due > Date.now()) await sleep(due - Date.now());
      const now = Date.now();
      for (const r of chunks[k]!) r.observedAt = now - rng.int(1000); // observed just now, as a live browser would
      // One request per network, as many browsers would send them: at once.
      const answers = await Promise.all([...networks.group(chunks[k]!)].map(([network, group]) => post(base, group, network, log)));
      for (const { results } of answers) {
        for (const result of results) {
          tally.sent++;
          tally[result.status as ResultStatus]++;
        }
      }
    }
    const rest = started + realMinuteMs - Date.now();
    if (rest > 0) await sleep(rest);
    const status = (await (await fetch(new URL('/v1/status', base))).json()) as StatusResponse;
    const levels = status.services
      .filter((s) => watched.includes(s.id) || s.level !== 'ok')
      .map((s) => `${s.id} ${s.level} ${s.count}/${s.baseline}`);
    const at = new Date((scenario.startMinute + index) * 60_000).toISOString().slice(0, 16);
    log(`  ${at}Z (scenario)  sent ${String(reports.length).padStart(4)}   ${levels.join('   ')}`);
  }
  return tally;
}
