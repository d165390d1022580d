// POST /v1/reports end to end through app.inject(), against SQLite and the
// real PostgreSQL with the same tests: statuses, mapping, bounds, strict
// validation, group commit, retention and graceful shutdown.
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { openStorage } from '../../server/storage/open.ts';
import type { Storage } from '../../server/storage/types.ts';
import { countRows, databaseKinds, makeDatabase } from './helpers/databases.ts';
import { useProtocolApp } from './helpers/protocolApp.ts';
import { newClient, report, T0, testConfig } from './helpers/reports.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;

// An unreachable PostgreSQL (outside CI) skips its suite; databaseKinds() has printed why.
for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`POST /v1/reports on ${kind}`, () => {
  const { clock, app, post, results, detail } = useProtocolApp(kind, 'ingest');

  it('answers counted, duplicate, suppressed and rejected per report, in request order', async () => {
    const client = newClient();
    const first = report({ service: 'order-case.com', client });
    const sameWindow = report({ service: 'order-case.com', client, observedAt: T0 + 3 * MINUTE });
    const bad = { ...report(), problem: 'broken' };
    const out = await results([first, first, sameWindow, bad]);
    expect(out.map((r) => r.status)).toEqual(['counted', 'duplicate', 'suppressed', 'rejected']);
    expect(out.map((r) => r.id)).toEqual([first.id, first.id, sameWindow.id, bad.id]);
    expect(out[3]!.reason).toMatch(/problem/);
    const again = await results([first]);
    expect(again[0]!.status).toBe('duplicate');
    expect((await detail('order-case.com')).count).toBe(1);
  });

  it('maps hosts to canonical service ids, so twitter.com and x.com share one suppression window', async () => {
    clock.advance(60 * MINUTE);
    const client = newClient();
    const out = await results([
      report({ service: 'twitter.com', client, observedAt: clock.now() }),
      report({ service: 'mobile.x.com', client, observedAt: clock.now() }),
      report({ service: 'www.news.map-case.co.uk', observedAt: clock.now() }),
    ]);
    expect(out.map((r) => r.status)).toEqual(['counted', 'suppressed', 'counted']);
    expect((await detail('map-case.co.uk')).count).toBe(1);
    expect((await detail('twitter.com')).id).toBe('x');
  });

  it('suppresses by the window a report arrives in, not the minute it names, and counts it in the minute it names', async () => {
    clock.advance(60 * MINUTE);
    const client = newClient();
    const arrival = Math.floor(clock.now() / (15 * MINUTE)) * 15 * MINUTE;
    clock.set(arrival + 14 * MINUTE);
    const out = await results([
      report({ service: 'window-case.com', client, observedAt: arrival - 60 * MINUTE }),
      report({ service: 'window-case.com', client, observedAt: arrival - 30 * MINUTE }),
      report({ service: 'window-case.com', client, observedAt: arrival }),
    ]);
    expect(out.map((r) => r.status)).toEqual(['counted', 'suppressed', 'suppressed']);
    clock.advance(MINUTE);
    const next = await results([report({ service: 'window-case.com', client, observedAt: arrival - 30 * MINUTE })]);
    expect(next[0]!.status).toBe('counted');
    const series = (await detail('window-case.com', '?hours=3')).series as Array<{ t: number; count: number }>;
    expect(series.find((p) => p.t === arrival - 60 * MINUTE)?.count).toBe(1);
    expect(series.find((p) => p.t === arrival - 30 * MINUTE)?.count).toBe(1);
    expect(series.reduce((sum, p) => sum + p.count, 0)).toBe(2);
  });

  it('rejects observedAt more than 5 minutes ahead or 24 hours old, and accepts both bounds', async () => {
    const now = clock.now();
    const out = await results([
      report({ observedAt: now + 5 * MINUTE + 1 }),
      report({ observedAt: now - 24 * 60 * MINUTE - 1 }),
      report({ service: 'bounds-case.com', observedAt: now + 5 * MINUTE }),
      report({ service: 'bounds-case.com', observedAt: now - 24 * 60 * MINUTE }),
    ]);
    expect(out.map((r) => r.status)).toEqual(['rejected', 'rejected', 'counted', 'counted']);
    expect(out[0]!.reason).toMatch(/ahead/);
    expect(out[1]!.reason).toMatch(/24 hours old/);
  });

  it.each([
    ['a string observedAt (no coercion)', { observedAt: String(T0) }, /observedAt/],
    ['an unknown field (never silently dropped)', { url: 'https://x.com/home' }, /unknown field "url"/],
    ['a missing field', { client: undefined }, /missing field "client"/],
    ['an id that is not a UUID', { id: 'not-a-uuid' }, /"id" must be a UUID/],
    ['an unknown problem', { problem: 'slow' }, /"problem" must be one of/],
    ['an unknown source', { source: 'robot' }, /"source" must be one of/],
    ['repeated signals', { signals: ['banner', 'banner'] }, /"signals"/],
    ['an unknown signal', { signals: ['ddos'] }, /"signals"/],
    ['a fractional observedAt', { observedAt: T0 + 0.5 }, /observedAt/],
    ['a short client id', { client: 'short' }, /"client"/],
    ['a lower-case country', { country: 'in' }, /"country"/],
    ['a country code nobody was assigned', { country: 'ZZ' }, /"country"/],
    ['an upper-case service', { service: 'X.COM' }, /"service"/],
    ['a host with no registrable domain', { service: 'localhost' }, /not a reportable service/],
    ['a bare public suffix', { service: 'co.uk' }, /not a reportable service/],
  ])('rejects a report with %s, with a reason, while the others in the request count', async (_name, change, reason) => {
    const bad: Record<string, unknown> = { ...report({ observedAt: clock.now() }), ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete bad[key];
    const good = report({ service: 'reject-case.com', observedAt: clock.now() });
    const out = await results([bad, good]);
    expect(out[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason) });
    expect(out[1]!.status).toBe('counted');
  });

  it('accepts a null or missing country', async () => {
    const out = await results([
      report({ country: null, observedAt: clock.now() }),
      { ...report({ observedAt: clock.now() }), country: undefined },
    ].map((r) => JSON.parse(JSON.stringify(r))));
    expect(out.map((r) => r.status)).toEqual(['counted', 'counted']);
  });

  it.each([
    ['no reports', { reports: [] }, /reports/],
    ['51 reports', { reports: Array.from({ length: 51 }, () => report()) }, /reports/],
    ['reports as an object', { reports: { 0: report() } }, /reports must be array/],
    ['a field beside reports', { reports: [report()], extra: 1 }, /unknown field "extra"/],
    ['no reports field', { report: [report()] }, /reports/],
    ['an array body', [report()], /object/],
  ])('rejects an envelope with %s as a whole: 400 and an error body', async (_name, payload, message) => {
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(message) } });
  });

  it('updates the counters only for counted reports', async () => {
    clock.advance(60 * MINUTE);
    const client = newClient();
    const observedAt = clock.now();
    const counted = report({ service: 'counter-case.com', client, observedAt, problem: 'login', signals: ['logout'] });
    await results([counted, counted, report({ service: 'counter-case.com', client, observedAt }), { ...report(), service: 5 }]);
    const body = await detail('counter-case.com');
    expect(body.count).toBe(1);
    expect(body.problems).toEqual([{ problem: 'login', count: 1 }]);
    expect(body.signals).toEqual([{ signal: 'logout', count: 1 }]);
  });

  it('group-commits concurrent requests: fewer transactions than requests, every reply after its commit', async () => {
    const before = app().downwatch.metrics.render().match(/downwatch_batch_reports_count (\d+)/)![1];
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => post({ reports: [report({ service: 'batch-case.com', observedAt: clock.now() })] })),
    );
    expect(replies.every((r) => r.json().results[0].status === 'counted')).toBe(true);
    const after = app().downwatch.metrics.render().match(/downwatch_batch_reports_count (\d+)/)![1];
    expect(Number(after) - Number(before)).toBeLessThan(40);
    expect((await detail('batch-case.com')).count).toBe(40);
  });

  it('prunes raw reports after 7 days and counters after 90 days', async () => {
    const pruneDb = makeDatabase(kind, 'prune');
    const pruneClock = new ManualClock(T0);
    const pruneApp = await buildApp({ config: testConfig(pruneDb.url), clock: pruneClock, logger: false });
    try {
      await pruneApp.inject({ method: 'POST', url: '/v1/reports', payload: { reports: [report(), report()] } });
      const storage = pruneApp.downwatch.storage;
      pruneClock.advance(6 * 24 * 60 * MINUTE);
      expect(await storage.prune(pruneClock.now())).toMatchObject({ reports: 0, counters: 0 });
      pruneClock.advance(2 * 24 * 60 * MINUTE);
      expect(await storage.prune(pruneClock.now())).toMatchObject({ reports: 2, counters: 0 });
      expect(await countRows(pruneDb, 'reports')).toBe(0);
      expect(await countRows(pruneDb, 'counters')).toBe(1);
      pruneClock.advance(83 * 24 * 60 * MINUTE);
      expect(await storage.prune(pruneClock.now())).toMatchObject({ counters: 1 });
      expect(await countRows(pruneDb, 'counters')).toBe(0);
      expect(await countRows(pruneDb, 'minute_totals')).toBe(0);
    } finally {
      await pruneApp.close();
      await pruneDb.drop();
    }
  });

  it('flushes the pending batch on close: reports waiting behind a running commit are committed and answered', async () => {
    const closeDb = makeDatabase(kind, 'close');
    const storage = await openStorage(closeDb.url);
    let commits = 0;
    let closed = false;
    const slowStorage: Storage = Object.create(storage, {
      commitReports: {
        value: async (...args: Parameters<Storage['commitReports']>) => {
          commits++;
          await new Promise((resolve) => setTimeout(resolve, 400));
          return storage.commitReports(...args);
        },
      },
    });
    Object.defineProperty(slowStorage, 'maxConcurrentCommits', { value: 1 });
    const closeApp = await buildApp({ config: testConfig(closeDb.url), clock: new ManualClock(T0), storage: slowStorage, logger: false });
    try {
      const send = () => closeApp.inject({ method: 'POST', url: '/v1/reports', payload: { reports: [report()] } });
      const first = send();
      await vi.waitFor(() => expect(commits).toBe(1), { timeout: 5000 });
      const second = send();
      await vi.waitFor(() => expect(closeApp.downwatch.committer.pendingReports).toBe(1), { timeout: 5000, interval: 10 });
      await closeApp.close();
      // What main.ts does next: without the flush, the waiting batch would meet a closed database.
      await storage.close();
      closed = true;
      for (const reply of [await first, await second]) expect(reply.json().results[0].status).toBe('counted');
      expect(await countRows(closeDb, 'reports')).toBe(2);
    } finally {
      if (!closed) await storage.close();
      await closeDb.drop();
    }
  });
});
