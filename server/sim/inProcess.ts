// The scenario through the server's own code under a simulated clock:
// history into the counters, then the evaluated stretch through
// POST /v1/reports, reading GET /v1/status after every minute.

import { performance } from 'node:perf_hooks';
import type { StatusResponse } from '../../src/core/protocol.ts';
import { createRandom } from './scenarios/random.ts';
import type { Scenario } from './scenarios/types.ts';
import { buildApp } from '../app.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openStorage } from '../storage/open.ts';
import { writeHistory } from './history.ts';
import { replayThroughIngest, type Tally } from './replay.ts';

const MINUTE_MS = 60_000;
const iso = (minute: number) => `${new Date(minute * MINUTE_MS).toISOString().slice(0, 16).replace('T', ' ')}Z`;
/** The end of a minute, when the simulator reads the status. */
const endOf = (minute: number) => `${new Date(minute * MINUTE_MS).toISOString().slice(0, 16).replace('T', ' ')}:59Z`;

export interface InProcessOptions {
  scenario: Scenario;
  databaseUrl: string;
  /** Replay only this many hours, from an hour before the first incident. */
  hours?: number;
  log(line: string): void;
}

function replayRange(scenario: Scenario, hours?: number): { fromIndex: number; toIndex: number } {
  const all = { fromIndex: scenario.evaluateFrom - scenario.startMinute, toIndex: scenario.evaluateTo - scenario.startMinute };
  if (hours === undefined) return all;
  const starts = scenario.services.flatMap((s) => s.incidents.map((i) => i.start));
  const from = starts.length ? Math.max(scenario.evaluateFrom, Math.min(...starts) - 60) : scenario.evaluateFrom;
  const fromIndex = from - scenario.startMinute;
  return { fromIndex, toIndex: Math.min(all.toIndex, fromIndex + hours * 60) };
}

/** Prints each level change with where it falls relative to the scenario's incidents. */
function levelChangePrinter(scenario: Scenario, log: (line: string) => void) {
  const last = new Map<string, string>();
  return (minute: number, status: StatusResponse) => {
    const seen = new Set<string>();
    for (const s of status.services) {
      seen.add(s.id);
      if ((last.get(s.id) ?? "ok") === s.level) continue;
      const incident = scenario.services.find((x) => x.id === s.id)?.incidents.find((i) => minute >= i.start - 5 && minute < i.end + 60);
      // Judged at the end of the minute: offsets count whole minutes from the incident's first minute and end.
      const sinceStart = minute + 1 - (incident?.start ?? 0);
      const sinceEnd = minute + 1 - (incident?.end ?? 0);
      const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
      const note = incident ? `[${incident.label}: ${signed(sinceStart)} min from its start, ${signed(sinceEnd)} from its end]` : '[no incident: FALSE ALARM]';
      log(`  ${endOf(minute)}  ${s.id.padEnd(12)} ${(last.get(s.id) ?? 'ok').padEnd(10)} → ${s.level.padEnd(10)} count ${String(s.count).padStart(5)} vs baseline ${s.baseline}  ${note}`);
      last.set(s.id, s.level);
    }
    for (const [id, level] of last) {
      if (!seen.has(id) && level !== 'ok') {
        log(`  ${endOf(minute)}  ${id.padEnd(12)} ${level.padEnd(10)} → ok (no longer listed)`);
        last.set(id, 'ok');
      }
    }
  };
}

export async function simulateInProcess(options: InProcessOptions): Promise<Tally> {
  const { scenario, log } = options;
  const range = replayRange(scenario, options.hours);
  const clock = new ManualClock((scenario.startMinute + range.fromIndex) * MINUTE_MS);
  const storage = await openStorage(options.databaseUrl, clock);
  try {
    log(`Database: ${storage.description}`);
    let t = performance.now();
    const historyReports = await writeHistory(storage, scenario, { fromIndex: 0, toIndex: range.fromIndex, shiftMinutes: 0 }, createRandom(1));
    log(`History: ${iso(scenario.startMinute)} → ${iso(scenario.startMinute + range.fromIndex)}, ${historyReports.toLocaleString('en')} reports written to the counters in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Reports come from their simulated networks through the loopback hop (replay.ts).
    const config = loadConfig({
      ...process.env, DATABASE_URL: options.databaseUrl, RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0', STATS_REFRESH_MS: '600000',
      TRUST_PROXY: '127.0.0.1',
    });
    const app = await buildApp({ config, clock, storage, logger: false });
    try {
      log(`Replaying ${iso(scenario.startMinute + range.fromIndex)} → ${iso(scenario.startMinute + range.toIndex)} through POST /v1/reports (simulated clock); level changes from GET /v1/status:`);
      t = performance.now();
      const tally = await replayThroughIngest({
        app, clock, scenario, ...range, shiftMinutes: 0, rng: createRandom(2), onMinute: levelChangePrinter(scenario, log),
      });
      const seconds = (performance.now() - t) / 1000;
      log(`Reports: ${tally.sent.toLocaleString('en')} sent, ${tally.counted.toLocaleString('en')} counted, ${tally.suppressed} suppressed, ${tally.duplicate} duplicate, ${tally.rejected} rejected; ${range.toIndex - range.fromIndex} minutes in ${seconds.toFixed(1)} s.`);
      return tally;
    } finally {
      await app.close();
    }
  } finally {
    await storage.close();
  }
}
