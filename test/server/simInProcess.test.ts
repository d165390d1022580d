// The simulator's in-process mode (server/sim/inProcess.ts): a short stretch of
// a real scenario through the server's own ingest under a simulated clock.
// Checked against the scenario itself: what the database ends up holding,
// what GET /v1/status served minute by minute (observed, not replaced, by
// wrapping app.inject), what the detector says about the scenario's own
// counts, and the level changes the simulator prints.
import type { FastifyInstance } from 'fastify';
import { incidentStatus } from '../../src/core/incidents.ts';
import { LEVELS, type StatusResponse } from '../../src/core/protocol.ts';
import { buildScenario } from '../../server/sim/scenarios/index.ts';
import { totalCounts, type Scenario } from '../../server/sim/scenarios/types.ts';
import { simulateInProcess } from '../../server/sim/inProcess.ts';
import { openStorage } from '../../server/storage/open.ts';
import { sqliteDatabase, type TestDatabase } from './helpers/databases.ts';

const MINUTE_MS = 60_000;

// Every GET /v1/status answer the simulator's app gives, in order. The app is the real one; only its
// inject is wrapped to read the answers on their way back.
const served = vi.hoisted(() => [] as Array<{ minute: number; body: unknown }>);
vi.mock('../../server/app.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/app.ts')>();
  return {
    ...actual,
    buildApp: async (options: Parameters<typeof actual.buildApp>[0]): Promise<FastifyInstance> => {
      const app = await actual.buildApp(options);
      const clock = options.clock!;
      const inject = app.inject.bind(app) as (opts: { method: string; url: string }) => Promise<{ json(): unknown }>;
      (app as unknown as { inject: typeof inject }).inject = (opts) => {
        const answer = inject(opts);
        if (opts.method !== 'GET' || opts.url !== '/v1/status') return answer;
        const minute = Math.floor(clock.now() / MINUTE_MS);
        return answer.then((response) => {
          served.push({ minute, body: response.json() });
          return response;
        });
      };
      return app;
    },
  };
});

interface Change { minute: number; id: string; from: string; to: string; count: number; baseline: number; note?: string }

/** What the simulator prints for a level change (see levelChangePrinter in inProcess.ts). */
const LEVEL = `(${LEVELS.join('|')})`;
const CHANGE_LINE = new RegExp(`^ {2}(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d):59Z {2}(\\S+) +${LEVEL} +→ ${LEVEL} +count +(\\d+) vs baseline (\\S+) {2}\\[(.*)\\]$`);

function parseChanges(lines: readonly string[]): Change[] {
  return lines.flatMap((line) => {
    const m = CHANGE_LINE.exec(line);
    if (!m) return [];
    return [{
      minute: Date.parse(`${m[1]!.replace(' ', 'T')}:00Z`) / MINUTE_MS, id: m[2]!, from: m[3] as string, to: m[4] as string,
      count: Number(m[5]), baseline: Number(m[6]), note: m[7]!,
    }];
  });
}

/** Level changes of a sequence of per-minute service lists, each service starting at ok. */
function changesOf(perMinute: ReadonlyArray<{ minute: number; services: ReadonlyArray<{ id: string; level: string; count: number; baseline: number }> }>): Change[] {
  const last = new Map<string, string>();
  const out: Change[] = [];
  for (const { minute, services } of perMinute) {
    for (const s of services) {
      const from: string = last.get(s.id) ?? 'ok';
      if (from !== s.level) out.push({ minute, id: s.id, from, to: s.level, count: s.count, baseline: s.baseline });
      last.set(s.id, s.level);
    }
  }
  return out;
}

/** The replayed stretch as README/cli.ts document --hours: from an hour before the first incident, N hours long. */
function documentedRange(scenario: Scenario, hours: number): { fromIndex: number; toIndex: number } {
  const firstStart = Math.min(...scenario.services.flatMap((s) => s.incidents.map((i) => i.start)));
  const from = Math.max(scenario.evaluateFrom, firstStart - 60);
  return { fromIndex: from - scenario.startMinute, toIndex: from - scenario.startMinute + hours * 60 };
}

describe.each(['seed', 'twitter-2022-07'])('simulateInProcess, scenario %s, --hours 2', (name) => {
  const HOURS = 2;
  let db: TestDatabase;
  let scenario: Scenario;
  let lines: string[];
  let tally: Awaited<ReturnType<typeof simulateInProcess>>;

  beforeAll(async () => {
    served.length = 0;
    db = sqliteDatabase();
    scenario = buildScenario(name);
    lines = [];
    tally = await simulateInProcess({ scenario, databaseUrl: db.url, hours: HOURS, log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('sends every report of the documented stretch, each counted once, and the database holds the scenario\'s counts', async () => {
    const { fromIndex, toIndex } = documentedRange(scenario, HOURS);
    const expected = scenario.services.reduce((sum, s) => sum + totalCounts(s).subarray(fromIndex, toIndex).reduce((a, b) => a + b, 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(tally).toEqual({ sent: expected, counted: expected, duplicate: 0, suppressed: 0, rejected: 0 });

    // History (straight into the counters) and the replay (through ingest) together: every minute of every
    // service from the scenario's start to the end of the stretch, exactly. The simulator closed its storage,
    // so this is the only writer on the file.
    const storage = await openStorage(db.url);
    try {
      const totals = await storage.minuteTotals(scenario.startMinute, scenario.startMinute + toIndex + 60);
      const stored = new Map(totals.map((t) => [`${t.service} ${t.minute}`, t.count]));
      for (const service of scenario.services) {
        const counts = totalCounts(service);
        for (let index = 0; index < toIndex; index++) {
          const got = stored.get(`${service.id} ${scenario.startMinute + index}`) ?? 0;
          if (got !== counts[index]) expect.fail(`${service.id} minute index ${index}: stored ${got}, scenario ${counts[index]}`);
        }
      }
      const beyond = totals.filter((t) => t.minute >= scenario.startMinute + toIndex);
      expect(beyond).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it('reads GET /v1/status once at the end of each replayed minute, and it serves the detector\'s levels for the scenario\'s counts', () => {
    const { fromIndex, toIndex } = documentedRange(scenario, HOURS);
    expect(served.map((s) => s.minute)).toEqual(Array.from({ length: toIndex - fromIndex }, (_, i) => scenario.startMinute + fromIndex + i));
    const byId = new Map(scenario.services.map((s) => [s.id, totalCounts(s)]));
    for (const { minute, body } of served) {
      const status = body as StatusResponse;
      expect(status.generatedAt).toBe((minute + 1) * MINUTE_MS - 1);
      expect(status.services.map((s) => s.id).sort()).toEqual([...byId.keys()].sort());
      for (const s of status.services) {
        const counts = byId.get(s.id)!;
        const expected = incidentStatus({ now: status.generatedAt, countAt: (m) => counts[m - scenario.startMinute] ?? 0 });
        expect({ minute, id: s.id, level: s.level, count: s.count, baseline: s.baseline, since: s.since, peak: s.peak })
          .toEqual({
            minute, id: s.id, level: expected.level, count: expected.count, baseline: Math.round(expected.baseline * 100) / 100,
            since: expected.since, peak: expected.peak,
          });
      }
    }
  });

  it('the incident\'s service reaches outage during its incident, and no service without an incident leaves ok', () => {
    const withIncidents = scenario.services.filter((s) => s.incidents.length > 0);
    expect(withIncidents.map((s) => s.id)).toEqual(['x']);
    const incident = withIncidents[0]!.incidents[0]!;
    expect(incident.expect).toBe('outage');

    const statuses = served.map(({ minute, body }) => ({ minute, services: (body as StatusResponse).services }));
    const raised = statuses.flatMap(({ minute, services }) => services.filter((s) => s.level !== 'ok').map((s) => ({ minute, id: s.id, level: s.level })));
    expect(new Set(raised.map((r) => r.id))).toEqual(new Set(['x']));
    const firstOutage = raised.find((r) => r.level === 'outage');
    expect(firstOutage).toBeDefined();
    expect(firstOutage!.minute).toBeGreaterThanOrEqual(incident.start);
    expect(firstOutage!.minute).toBeLessThan(incident.end);
    // And it lets go within the stretch: the last status has every service back under the warning level, x
    // at least recovering (docs/incidents.md: the incident stays open for the hold), with the incident's start.
    const last = statuses.at(-1)!.services;
    expect(last.every((s) => s.level === 'ok' || s.level === 'recovering')).toBe(true);
    const since = new Set(raised.map((r) => statuses.find((st) => st.minute === r.minute)!.services.find((s) => s.id === 'x')!.since));
    expect(since.size).toBe(1);
  });

  it('prints exactly the level changes GET /v1/status served, each attributed to the incident', () => {
    const printed = parseChanges(lines);
    const fromStatus = changesOf(served.map(({ minute, body }) => ({ minute, services: (body as StatusResponse).services })));
    expect(fromStatus.length).toBeGreaterThan(0);
    expect(printed.map(({ note: _note, ...change }) => change)).toEqual(fromStatus);
    const label = scenario.services.find((s) => s.id === 'x')!.incidents[0]!.label;
    for (const change of printed) expect(change.note).toMatch(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [+-]\\d+ min from its start, [+-]\\d+ from its end$`));
    expect(lines.join('\n')).not.toContain('FALSE ALARM');
    expect(lines.at(-1)).toMatch(new RegExp(`^Reports: ${tally.sent.toLocaleString('en')} sent, ${tally.counted.toLocaleString('en')} counted, 0 suppressed, 0 duplicate, 0 rejected; ${HOURS * 60} minutes in `));
  });
});
