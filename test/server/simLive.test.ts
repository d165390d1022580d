// The simulator's live mode (server/sim/live.ts sendLive): scenario minutes
// sent over real HTTP to a running server, paced at `speed` scenario minutes
// per real minute, every report observed "now" with a fresh install id, so
// every one of them is counted.
import type { StatusResponse } from '../../src/core/protocol.ts';
import { buildScenario } from '../../server/sim/scenarios/index.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { totalCounts, type Scenario } from '../../server/sim/scenarios/types.ts';
import { sendLive } from '../../server/sim/live.ts';
import { startListeningApp, type ListeningApp } from './helpers/listeningApp.ts';

const PORT = 18071;
const CLOSED_PORT = 18072;

/** Every `downwatch_reports_total{status="…"}` sample of a /metrics body. */
function reportTotals(metrics: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics.matchAll(/^downwatch_reports_total\{status="(\w+)"\} (\d+)$/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

describe('sendLive to a real server over HTTP', () => {
  let server: ListeningApp | undefined;
  let scenario: Scenario;

  beforeAll(async () => {
    server = await startListeningApp({ port: PORT });
    scenario = buildScenario('seed');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends every report of the chosen minutes, paced at the speed, and the server counts exactly those', async () => {
    // Five scenario minutes from 2 before the X incident's start: ordinary traffic, then the rise.
    const incident = scenario.services.find((s) => s.id === 'x')!.incidents[0]!;
    const fromIndex = incident.start - 2 - scenario.startMinute;
    const toIndex = fromIndex + 5;
    const SPEED = 300; // 200 ms per scenario minute
    const perMinute = Array.from({ length: toIndex - fromIndex }, (_, k) =>
      scenario.services.reduce((sum, s) => sum + totalCounts(s)[fromIndex + k]!, 0));
    const perService = new Map(scenario.services.map((s) => [s.id, totalCounts(s).subarray(fromIndex, toIndex).reduce((a, b) => a + b, 0)]));
    const expected = perMinute.reduce((a, b) => a + b, 0);
    expect(perService.get('x')).toBeGreaterThan(50); // the incident's rise is in the sent minutes

    const lines: string[] = [];
    const started = Date.now();
    const tally = await sendLive({
      url: `http://127.0.0.1:${PORT}`, scenario, fromIndex, toIndex, speed: SPEED, rng: createRandom(7), log: (line) => lines.push(line),
    });
    const elapsed = Date.now() - started;

    expect(tally).toEqual({ sent: expected, counted: expected, duplicate: 0, suppressed: 0, rejected: 0 });
    // Paced: each scenario minute takes 60 s / speed of real time, the last one included.
    expect(elapsed).toBeGreaterThanOrEqual(((toIndex - fromIndex) * 60_000) / SPEED - 20);
    expect(elapsed).toBeLessThan(15_000);
    // One line per scenario minute, with that minute's report count.
    expect(lines.map((line) => Number(/ sent +(\d+) /.exec(line)?.[1]))).toEqual(perMinute);

    // The server's own tally: every report counted, none rejected, suppressed or duplicate.
    const metrics = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
    expect(reportTotals(metrics)).toEqual({ counted: expected });

    // All were observed within the last seconds, so each service's 15-minute count is what was sent for it.
    await server!.app.downwatch.stats.refresh();
    const status = (await (await fetch(`http://127.0.0.1:${PORT}/v1/status`)).json()) as StatusResponse;
    expect(new Map(status.services.map((s) => [s.id, s.count]))).toEqual(perService);
    const detail = await (await fetch(`http://127.0.0.1:${PORT}/v1/services/x?hours=1`)).json();
    expect(detail.count).toBe(perService.get('x'));
  });

  it('fails with a clear message when no server answers', async () => {
    await expect(sendLive({
      url: `http://127.0.0.1:${CLOSED_PORT}`, scenario, fromIndex: 0, toIndex: 1, speed: 1000, rng: createRandom(7), log: () => {},
    })).rejects.toThrow(`no Downwatch server answers at http://127.0.0.1:${CLOSED_PORT}`);
  });
});
