// Crash safety (docs/protocol.md): a 200 means committed. The server process is
// SIGKILLed while clients send, restarted, and the clients retry whatever was
// not acknowledged: every report id must end up counted exactly once.
import { postReports } from './helpers/client.ts';
import { countRows, databaseKinds, makeDatabase } from './helpers/databases.ts';
import { newNetwork, report } from './helpers/reports.ts';
import { startServer, type ServerProcess } from './helpers/serverProcess.ts';
import type { Report } from '../../src/core/protocol.ts';
import { openStorage } from '../../server/storage/open.ts';

const kinds = await databaseKinds();
const PORTS = { sqlite: 18021, postgres: 18022 } as const;
const REPORTS = 600;
const WORKERS = 8;

describe.each(kinds)('crash safety on $kind', ({ kind, skip }) => {
  it.skipIf(!!skip)('counts every report id exactly once after a SIGKILL mid-stream and client retries', async () => {
    const db = makeDatabase(kind, 'crash');
    const env = { DATABASE_URL: db.url, TRUST_PROXY: '127.0.0.1' };
    let server: ServerProcess = await startServer(PORTS[kind], env);
    const now = Date.now();
    // Each batch from a network of its own, one report per service: every report is one to count.
    const queue: Array<[Report[], string]> = [];
    for (let i = 0; i < REPORTS; i += 5) {
      queue.push([Array.from({ length: 5 }, (_, k) => report({ service: `crash-case-${k}.com`, observedAt: now })), newNetwork()]);
    }
    const acks = new Map<string, string[]>();
    let acked = 0;
    let failures = 0;

    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [batch, network] = next;
        for (;;) {
          try {
            const results = await postReports(server.url, batch, network);
            for (const r of results) acks.set(r.id, [...(acks.get(r.id) ?? []), r.status]);
            acked += batch.length;
            break;
          } catch {
            failures++; // not acknowledged: keep it and retry, as the extension's queue does
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);

    try {
      await vi.waitFor(() => expect(acked).toBeGreaterThanOrEqual(150), { timeout: 15_000, interval: 5 });
      await server.kill();
      const ackedAtKill = acked;
      server = await startServer(PORTS[kind], env);
      await Promise.all(workers);

      expect(ackedAtKill).toBeLessThan(REPORTS);
      expect(failures).toBeGreaterThan(0);
      expect(acks.size).toBe(REPORTS);
      for (const statuses of acks.values()) {
        // A retry of a report committed just before the kill is acknowledged as a duplicate, never counted again.
        expect(statuses.every((s) => s === 'counted' || s === 'duplicate')).toBe(true);
        expect(statuses.filter((s) => s === 'counted').length).toBeLessThanOrEqual(1);
      }
      expect(await countRows(db, 'reports')).toBe(REPORTS);
      // Stopped first: a SQLite file has one writer, and opening the storage starts one.
      await server.stop();
      const storage = await openStorage(db.url);
      try {
        const minute = Math.floor(now / 60_000);
        const totals = await storage.minuteTotals(minute - 1, minute + 2);
        expect(totals.reduce((sum, t) => sum + t.count, 0)).toBe(REPORTS);
      } finally {
        await storage.close();
      }
    } finally {
      await server.stop();
      await db.drop();
    }
  });
});
