// Two real server processes on one PostgreSQL, receiving overlapping reports
// concurrently over real HTTP: counts, dedupe and suppression must be exact
// across processes, and both must serve the same numbers.
import { openStorage } from '../../server/storage/open.ts';
import { postReports } from './helpers/client.ts';
import { CI, postgresDatabase, postgresProblem, type TestDatabase } from './helpers/databases.ts';
import { newClient, newNetwork, report } from './helpers/reports.ts';
import { startServer, type ServerProcess } from './helpers/serverProcess.ts';
import { LIMITS, type Report } from '../../src/core/protocol.ts';

const problem = await postgresProblem();
const skip = problem && !CI ? problem : null;
if (skip) console.warn(`SKIPPING the two-process PostgreSQL test: ${skip}. Set CI=true to make this a failure.`);

describe.skipIf(!!skip)('two server processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = postgresDatabase('multi');
    const env = { DATABASE_URL: db.url, STATS_REFRESH_MS: '200', TRUST_PROXY: '127.0.0.1' };
    // Started together: both run the migrations at once on the empty schema.
    servers = await Promise.all([startServer(18011, env), startServer(18012, env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it('counts each report once, dedupes and suppresses exactly across processes, and both serve the same counts', async () => {
    const now = Date.now();
    const unique = Array.from({ length: 200 }, () => report({ service: 'multi-case.com', observedAt: now }));
    const clients = Array.from({ length: 60 }, () => newClient());
    const sameWindow = clients.flatMap((client) =>
      [0, 1, 2].map(() => report({ service: 'reddit.com', client, observedAt: now })));

    // Every unique report goes to BOTH servers; each client's three reports are spread over both.
    // Each chunk from a network of its own, no more reports per service than a network may add.
    const requests: Array<[string, Report[], string]> = [];
    const perNetwork = LIMITS.networkReportsPerWindow;
    for (let i = 0; i < unique.length; i += perNetwork) {
      const chunk = unique.slice(i, i + perNetwork);
      const network = newNetwork();
      requests.push([servers[0]!.url, chunk, network], [servers[1]!.url, [...chunk].reverse(), network]);
    }
    sameWindow.forEach((r, i) => requests.push([servers[i % 2]!.url, [r], newNetwork()]));
    requests.sort(() => Math.random() - 0.5);
    const replies = await Promise.all(requests.map(([url, reports, network]) => postReports(url, reports, network)));

    const statusesById = new Map<string, string[]>();
    for (const result of replies.flat()) statusesById.set(result.id, [...(statusesById.get(result.id) ?? []), result.status]);
    for (const r of unique) expect(statusesById.get(r.id)!.sort()).toEqual(['counted', 'duplicate']);
    for (const client of clients) {
      const mine = sameWindow.filter((r) => r.client === client).map((r) => statusesById.get(r.id)![0]);
      expect(mine.sort()).toEqual(['counted', 'suppressed', 'suppressed']);
    }

    const storage = await openStorage(db.url);
    try {
      const totals = await storage.minuteTotals(Math.floor(now / 60_000) - 1, Math.floor(now / 60_000) + 2);
      const sum = (service: string) => totals.filter((t) => t.service === service).reduce((s, t) => s + t.count, 0);
      expect(sum('multi-case.com')).toBe(200);
      expect(sum('reddit')).toBe(60);
    } finally {
      await storage.close();
    }

    await vi.waitFor(async () => {
      for (const server of servers) {
        const body = await (await fetch(`${server.url}/v1/services/multi-case.com?hours=1`)).json();
        expect(body.count).toBe(200);
        const status = await (await fetch(`${server.url}/v1/status`)).json();
        expect(status.services.find((s: { id: string }) => s.id === 'reddit').count).toBe(60);
      }
    }, { timeout: 10_000, interval: 200 });
  });
});

