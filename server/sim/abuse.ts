// The attack simulator behind `npm run eval:abuse` (docs/privacy-and-trust.md):
// the real server (buildApp, SQLite in memory, TRUST_PROXY=127.0.0.1) listening on
// loopback, with four weeks of X's ordinary history in its counters and X's
// honest reporters still reporting (through ingest, from their simulated
// networks). An attacker posts over HTTP from N networks, each named in
// X-Forwarded-For through the trusted hop, every report with a fresh client
// id; each trial starts a fresh server. Reports name the current minute: the
// server keys suppression on arrival, so naming other minutes buys nothing.
import { LIMITS, type Level, type Report, type StatusResponse } from '../../src/core/protocol.ts';
import { buildApp } from '../app.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/open.ts';
import { writeHistory } from './history.ts';
import { emptyTally, injectReports, SimulatedNetworks } from './replay.ts';
import { CALIBRATED_TRAFFIC, ordinaryService } from './scenarios/ordinary.ts';
import { createRandom } from './scenarios/random.ts';
import { randomClientId, randomUuid, reportsForMinute } from './scenarios/reports.ts';
import type { Scenario } from './scenarios/types.ts';

const MINUTE_MS = 60_000;
const WEEK_MINUTES = 7 * 24 * 60;
const HISTORY_MINUTES = 4 * WEEK_MINUTES + 24 * 60;
/** Honest traffic replayed through ingest before the attack starts (fills the counting windows). */
const LEAD_MINUTES = 20;
// `recovering` is an incident's tail, already back to `ok` in the detector: not a level the attack holds.
const RANK: Record<Level, number> = { ok: 0, recovering: 0, warning: 1, outage: 2 };

export interface AttackPlan {
  /** The attacked service: 'x' (catalog) or a domain nobody reports. */
  target: string;
  /** Epoch minute the attack starts. */
  at: number;
  networks: number;
  /** Reports each network posts each minute (fresh client ids). */
  perNetworkPerMinute: number;
  minutes: number;
}

export interface AttackOutcome {
  /** Minutes from the start until the target showed `warning` / `outage` (null: never). */
  toWarning: number | null;
  toOutage: number | null;
  /** Minutes (of the last 60) the target showed each level or higher, at each minute's end. */
  warningMinutes: number;
  outageMinutes: number;
  /** Whether the target was listed in /v1/status at some minute's end. */
  listed: boolean;
  sent: number;
  counted: number;
  /** Honest reports counted for X during the attack. */
  honestCounted: number;
}

/** The simulated world: X's ordinary traffic from `startMinute` for HISTORY_MINUTES + a day. */
export function xWorld(startMinute: number): Scenario {
  const minutes = HISTORY_MINUTES + 24 * 60;
  const x = ordinaryService(createRandom(1307), 'x', CALIBRATED_TRAFFIC.x!, startMinute, minutes);
  return {
    name: 'abuse', title: 'X ordinary traffic', notes: '', startMinute,
    evaluateFrom: startMinute + HISTORY_MINUTES, evaluateTo: startMinute + minutes, services: [x],
  };
}

/** The quietest and the busiest hour of X's last day of history (epoch minutes of their starts). */
export function quietAndBusyHours(world: Scenario): { quiet: number; busy: number } {
  const counts = world.services[0]!.ordinary;
  const day = world.evaluateFrom - world.startMinute;
  let quiet = 0;
  let busy = 0;
  let least = Infinity;
  let most = -1;
  for (let hour = 0; hour < 24; hour++) {
    let sum = 0;
    // Summed over the four weeks of the history at that hour, so the choice is the curve's, not one day's noise.
    for (let week = 1; week <= 4; week++) {
      const from = day - week * WEEK_MINUTES + hour * 60;
      for (let m = from; m < from + 60; m++) sum += counts[m] ?? 0;
    }
    if (sum < least) [least, quiet] = [sum, hour];
    if (sum > most) [most, busy] = [sum, hour];
  }
  return { quiet: world.evaluateFrom + quiet * 60, busy: world.evaluateFrom + busy * 60 };
}

function attackReport(target: string, observedAt: number, seq: number): Report {
  const rng = createRandom(seq * 2654435761);
  return {
    id: randomUuid(rng), service: target, problem: 'login', source: 'manual', signals: [],
    observedAt, client: randomClientId(rng), country: 'US',
  };
}

/** One trial on a fresh server. */
export async function runAttack(world: Scenario, plan: AttackPlan): Promise<AttackOutcome> {
  // In memory: a trial's commits wait on no disk, and the rules under test are the same.
  const databaseUrl = 'sqlite::memory:';
  const leadFrom = plan.at - LEAD_MINUTES;
  const clock = new ManualClock(leadFrom * MINUTE_MS);
  const storage = await openStorage(databaseUrl, clock);
  const x = world.services[0]!;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await writeHistory(storage, world, { fromIndex: 0, toIndex: leadFrom - world.startMinute, shiftMinutes: 0 }, createRandom(1));
    const config = loadConfig({
      DATABASE_URL: databaseUrl, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn', STATS_REFRESH_MS: '600000',
      RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0',
    });
    app = await buildApp({ config, clock, storage, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/reports`;
    const honest = new SimulatedNetworks();
    const honestTally = emptyTally();
    const rng = createRandom(99);
    const outcome: AttackOutcome = {
      toWarning: null, toOutage: null, warningMinutes: 0, outageMinutes: 0, listed: false, sent: 0, counted: 0, honestCounted: 0,
    };
    let seq = 0;
    for (let minute = leadFrom; minute < plan.at + plan.minutes; minute++) {
      clock.set((minute + 1) * MINUTE_MS - 1);
      const index = minute - world.startMinute;
      const before = honestTally.counted;
      await injectReports(app, reportsForMinute(rng, x, index, minute * MINUTE_MS), honestTally, honest);
      if (minute < plan.at) continue;
      outcome.honestCounted += honestTally.counted - before;
      const posts: Promise<void>[] = [];
      for (let n = 0; n < plan.networks; n++) {
        const reports = Array.from({ length: plan.perNetworkPerMinute }, () => attackReport(plan.target, clock.now() - 1000, ++seq));
        const forwarded = `203.0.${113 + (n >> 8)}.${n & 255}`;
        for (let i = 0; i < reports.length; i += LIMITS.maxReportsPerRequest) {
          posts.push(fetch(url, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
            body: JSON.stringify({ reports: reports.slice(i, i + LIMITS.maxReportsPerRequest) }),
          }).then(async (response) => {
            const body = (await response.json()) as { results: Array<{ status: string }> };
            for (const r of body.results) {
              outcome.sent++;
              if (r.status === 'counted') outcome.counted++;
            }
          }));
        }
      }
      await Promise.all(posts);
      await app.downwatch.stats.refresh();
      const status = (await app.inject({ method: 'GET', url: '/v1/status' })).json() as StatusResponse;
      const row = status.services.find((s) => s.id === plan.target);
      const rank = row ? RANK[row.level as Level] : 0;
      const elapsed = minute - plan.at + 1;
      if (row && plan.target !== 'x') outcome.listed = true;
      if (rank >= 1 && outcome.toWarning === null) outcome.toWarning = elapsed;
      if (rank >= 2 && outcome.toOutage === null) outcome.toOutage = elapsed;
      if (minute >= plan.at + plan.minutes - 60) {
        if (rank >= 1) outcome.warningMinutes++;
        if (rank >= 2) outcome.outageMinutes++;
      }
    }
    return outcome;
  } finally {
    await app?.close();
    await storage.close();
  }
}
