// The whole wire protocol (DESIGN §6) through app.inject(), against SQLite and
// the real PostgreSQL with the same tests.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { openStorage } from '../../server/storage/open.ts';
import type { Storage } from '../../server/storage/types.ts';
import { countRows, databaseKinds, makeDatabase, type TestDatabase } from './helpers/databases.ts';
import { newClient, report, T0, testConfig } from './helpers/reports.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;

describe.each(kinds)('protocol on $kind', ({ kind, skip }) => {
  if (skip) {
    it.skip(`needs PostgreSQL: ${skip}`, () => {});
    return;
  }
  let db: TestDatabase;
  let app: FastifyInstance;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    db = makeDatabase(kind, 'protocol');
    app = await buildApp({ config: testConfig(db.url), clock, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/reports', payload: payload as object });
  const results = async (reports: unknown[]) => {
    const response = await post({ reports });
    expect(response.statusCode).toBe(200);
    return response.json().results as Array<{ id: string | null; status: string; reason?: string }>;
  };
  const detail = async (id: string, query = '') => {
    await app.downwatch.stats.refresh();
    const response = await app.inject({ method: 'GET', url: `/v1/services/${id}${query}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

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

  it('counts the same install again in the next 15-minute window', async () => {
    const client = newClient();
    const windowStart = Math.floor((clock.now() - 60 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
    const out = await results([
      report({ service: 'window-case.com', client, observedAt: windowStart + 14 * MINUTE }),
      report({ service: 'window-case.com', client, observedAt: windowStart + 15 * MINUTE }),
      report({ service: 'window-case.com', client, observedAt: windowStart + 16 * MINUTE }),
    ]);
    expect(out.map((r) => r.status)).toEqual(['counted', 'counted', 'suppressed']);
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

  it('serves /v1/status with every catalog service, Cache-Control, an ETag and 304 for If-None-Match', async () => {
    await results([report({ service: 'youtube.com', observedAt: clock.now() })]);
    await app.downwatch.stats.refresh();
    const response = await app.inject({ method: 'GET', url: '/v1/status' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=15');
    const body = response.json();
    expect(body.windowMinutes).toBe(15);
    expect(body.generatedAt).toBe(clock.now());
    expect(body.services.map((s: { id: string }) => s.id).sort()).toEqual(['facebook', 'instagram', 'reddit', 'whatsapp', 'x', 'youtube']);
    expect(body.services.find((s: { id: string }) => s.id === 'youtube')).toMatchObject({ name: 'YouTube', level: 'ok', count: 1, since: null });
    const etag = response.headers.etag as string;
    const cached = await app.inject({ method: 'GET', url: '/v1/status', headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('serves /v1/services/{id} with hours×4 buckets, breakdowns, and countries under 5 reports summed as other', async () => {
    clock.advance(60 * MINUTE);
    const observedAt = clock.now();
    const reports = [
      ...Array.from({ length: 6 }, () => report({ service: 'detail-case.com', country: 'US', problem: 'feed', signals: ['http_5xx'], observedAt })),
      ...Array.from({ length: 2 }, () => report({ service: 'detail-case.com', country: 'BD', problem: 'login', signals: [], observedAt })),
      report({ service: 'detail-case.com', country: null, problem: 'login', signals: ['http_5xx', 'banner'], observedAt: observedAt - 20 * MINUTE }),
    ];
    await results(reports);
    const body = await detail('detail-case.com', '?hours=3');
    expect(body).toMatchObject({ id: 'detail-case.com', name: 'detail-case.com', bucketMinutes: 15, count: 8 });
    expect(body.series).toHaveLength(12);
    const ts = body.series.map((p: { t: number }) => p.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(ts[11]).toBe(Math.floor(observedAt / (15 * MINUTE)) * 15 * MINUTE);
    expect(body.series.reduce((sum: number, p: { count: number }) => sum + p.count, 0)).toBe(9);
    expect(body.series.every((p: { baseline: number }) => p.baseline > 0)).toBe(true);
    expect(body.problems).toEqual([{ problem: 'feed', count: 6 }, { problem: 'login', count: 3 }]);
    expect(body.countries).toEqual([{ country: 'US', count: 6 }, { country: 'other', count: 3 }]);
    expect(body.signals).toEqual([{ signal: 'http_5xx', count: 7 }, { signal: 'banner', count: 1 }]);
    expect((await detail('detail-case.com')).series).toHaveLength(96);
  });

  it.each([
    ['/v1/services/not_a_service!', /not a service id/],
    ['/v1/services/localhost', /not a service id/],
    ['/v1/services/x?hours=0', /hours/],
    ['/v1/services/x?hours=169', /hours/],
    ['/v1/services/x?hours=abc', /hours/],
    ['/v1/services/x?hours=24&extra=1', /extra/],
  ])('answers GET %s with 400 and an error body', async (url, message) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
  });

  it('answers a valid domain with no reports as ok with zeros', async () => {
    const body = await detail('quiet-nobody-reports.org', '?hours=1');
    expect(body).toMatchObject({ id: 'quiet-nobody-reports.org', level: 'ok', count: 0, since: null, problems: [], countries: [], signals: [] });
    expect(body.series.map((p: { count: number }) => p.count)).toEqual([0, 0, 0, 0]);
  });

  it('raises an outage for a surge, with since, and lists a non-catalog domain in outage in /v1/status', async () => {
    clock.advance(3 * 60 * MINUTE);
    for (let minute = 0; minute < 5; minute++) {
      const observedAt = clock.now();
      await results(Array.from({ length: 12 }, () => report({ service: 'reddit', observedAt })));
      await results(Array.from({ length: 12 }, () => report({ service: 'surge-case.net', observedAt })));
      await results([report({ service: 'quiet-case.net', observedAt })]);
      clock.advance(MINUTE);
    }
    clock.advance(-MINUTE);
    await app.downwatch.stats.refresh();
    const status = (await app.inject({ method: 'GET', url: '/v1/status' })).json();
    const reddit = status.services.find((s: { id: string }) => s.id === 'reddit');
    expect(reddit).toMatchObject({ level: 'outage', count: 60 });
    expect(reddit.since).toBeGreaterThan(clock.now() - 5 * MINUTE);
    expect(status.services[0].level).toBe('outage');
    expect(status.services.find((s: { id: string }) => s.id === 'surge-case.net')).toMatchObject({ level: 'outage', name: 'surge-case.net' });
    expect(status.services.some((s: { id: string }) => s.id === 'quiet-case.net')).toBe(false);
    const x = status.services.find((s: { id: string }) => s.id === 'x');
    expect(status.services.indexOf(x)).toBeGreaterThan(status.services.indexOf(reddit));
  });

  it('serves /v1/rules with the bundled pack, an ETag and 304', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/rules' });
    expect(response.statusCode).toBe(200);
    const pack = response.json();
    expect(typeof pack.version).toBe('string');
    expect(pack.services.length).toBeGreaterThanOrEqual(6);
    expect(response.headers.etag).toContain(pack.version);
    const again = await app.inject({ method: 'GET', url: '/v1/rules', headers: { 'if-none-match': response.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('answers /healthz, /metrics with requests, reports and batches, and /openapi.json from the route schemas', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/downwatch_http_requests_total\{route="\/v1\/reports",method="POST",code="200"\} \d+/);
    expect(metrics).toMatch(/downwatch_http_requests_total\{route="\/v1\/reports",method="POST",code="400"\} \d+/);
    expect(metrics).toMatch(/downwatch_reports_total\{status="counted"\} \d+/);
    expect(metrics).toMatch(/downwatch_reports_total\{status="suppressed"\} \d+/);
    expect(metrics).toMatch(/downwatch_batch_reports_count \d+/);
    expect(metrics).toMatch(/downwatch_commit_seconds_bucket\{le="0.01"\} \d+/);
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    const post = openapi.paths['/v1/reports'].post;
    expect(post.requestBody.content['application/json'].schema.properties.reports.items.required).toContain('observedAt');
    expect(post.requestBody.content['application/json'].schema.properties.reports.items.additionalProperties).toBe(false);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/status', '/v1/services/{id}', '/v1/rules', '/healthz']));
    expect(openapi.paths['/v1/services/{id}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'hours']);
  });

  it('group-commits concurrent requests: fewer transactions than requests, every reply after its commit', async () => {
    const before = app.downwatch.metrics.render().match(/downwatch_batch_reports_count (\d+)/)![1];
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => post({ reports: [report({ service: 'batch-case.com', observedAt: clock.now() })] })),
    );
    expect(replies.every((r) => r.json().results[0].status === 'counted')).toBe(true);
    const after = app.downwatch.metrics.render().match(/downwatch_batch_reports_count (\d+)/)![1];
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
