// Replays scenario minutes through the server's real ingest path
// (POST /v1/reports via app.inject: validation, group commit, counters)
// under a simulated clock, and reads back what the server then says
// (GET /v1/status after a stats refresh), minute by minute. Each report is
// sent from its simulated network (scenarios/networks.ts) through the
// trusted loopback proxy hop, so the app must run with TRUST_PROXY=127.0.0.1.

import type { FastifyInstance } from 'fastify';
import { LIMITS, type Report, type ReportResponse, type ResultStatus, type StatusResponse } from '../../src/core/protocol.ts';
import { NETWORK_MODELS, networkAddress, WindowNetworks, type NetworkModel } from './scenarios/networks.ts';
import { createRandom, type Random } from './scenarios/random.ts';
import { reportsForMinute } from './scenarios/reports.ts';
import type { Scenario } from './scenarios/types.ts';

const MINUTE_MS = 60_000;

export interface Tally {
  sent: number;
  counted: number;
  duplicate: number;
  suppressed: number;
  rejected: number;
}

export const emptyTally = (): Tally => ({ sent: 0, counted: 0, duplicate: 0, suppressed: 0, rejected: 0 });

/** Every service's reports of scenario minute `index`, placed at epoch minute `minute`. */
export function minuteReports(scenario: Scenario, index: number, minute: number, rng: Random): Report[] {
  return scenario.services.flatMap((s) => reportsForMinute(rng, s, index, minute * MINUTE_MS));
}

export function chunked<T>(items: readonly T[], size: number = LIMITS.maxReportsPerRequest): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The address each simulated report is sent from: its network under the model, service by service. */
export class SimulatedNetworks {
  private readonly byService = new Map<string, WindowNetworks>();

  constructor(private readonly model: NetworkModel = NETWORK_MODELS.realistic, private readonly rng: Random = createRandom(3)) {}

  addressOf(report: Report): string {
    let networks = this.byService.get(report.service);
    if (!networks) this.byService.set(report.service, (networks = new WindowNetworks(this.model, this.rng)));
    return networkAddress(networks.assign(Math.floor(report.observedAt / MINUTE_MS), report.country ?? null));
  }

  /** Reports grouped by the address they are sent from. */
  group(reports: readonly Report[]): Map<string, Report[]> {
    const out = new Map<string, Report[]>();
    for (const report of reports) {
      const address = this.addressOf(report);
      const group = out.get(address);
      if (group) group.push(report);
      else out.set(address, [report]);
    }
    return out;
  }
}

/**
 * Posts reports through app.inject, each from its network (X-Forwarded-For through the trusted loopback
 * hop), all requests of the batch at once (so group commit batches them).
 */
export async function injectReports(app: FastifyInstance, reports: readonly Report[], tally: Tally, networks: SimulatedNetworks): Promise<void> {
  const requests: Promise<{ statusCode: number; body: string; json(): unknown }>[] = [];
  for (const [address, group] of networks.group(reports)) {
    for (const chunk of chunked(group)) {
      requests.push(app.inject({ method: 'POST', url: '/v1/reports', payload: { reports: chunk }, headers: { 'x-forwarded-for': address } }));
    }
  }
  const responses = await Promise.all(requests);
  for (const response of responses) {
    if (response.statusCode !== 200) throw new Error(`ingest answered ${response.statusCode}: ${response.body}`);
    for (const result of (response.json() as ReportResponse).results) {
      tally.sent++;
      tally[result.status as ResultStatus]++;
      if (result.status === 'rejected') throw new Error(`a simulated report was rejected: ${result.reason}`);
    }
  }
}

export interface ReplayOptions {
  app: FastifyInstance;
  clock: { set(epochMs: number): void };
  scenario: Scenario;
  fromIndex: number;
  toIndex: number;
  shiftMinutes: number;
  rng: Random;
  /** Where the reports come from (the scenario's model by default). */
  networks?: SimulatedNetworks;
  /** Called after each minute with what GET /v1/status answers at its end. */
  onMinute?(minute: number, status: StatusResponse): void;
}

export async function replayThroughIngest(options: ReplayOptions): Promise<Tally> {
  const { app, clock, scenario, rng } = options;
  const tally = emptyTally();
  const networks = options.networks ?? new SimulatedNetworks(scenario.networks);
  for (let index = options.fromIndex; index < options.toIndex; index++) {
    const minute = scenario.startMinute + index + options.shiftMinutes;
    clock.set((minute + 1) * MINUTE_MS - 1); // the end of the minute: every report in it is already observed
    await injectReports(app, minuteReports(scenario, index, minute, rng), tally, networks);
    if (options.onMinute) {
      await app.downwatch.stats.refresh();
      const status = await app.inject({ method: 'GET', url: '/v1/status' });
      options.onMinute(minute, status.json() as StatusResponse);
    }
  }
  return tally;
}
