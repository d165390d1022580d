// The read side end to end through app.inject(), against SQLite and the real
// PostgreSQL: status, service details, rules, caching headers, operations.
import { CATALOG } from '../../src/core/catalog.ts';
import { WINDOW_MINUTES } from '../../src/core/protocol.ts';
import { databaseKinds } from './helpers/databases.ts';
import { useProtocolApp } from './helpers/protocolApp.ts';
import { newClient, report } from './helpers/reports.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;

// An unreachable PostgreSQL (outside CI) skips its suite; databaseKinds() has printed why.
for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`reads on ${kind}`, () => {
  const { clock, app, post, results, resultsEach, detail } = useProtocolApp(kind, 'reads');

  it('serves /v1/status with every catalog service, Cache-Control, an ETag and 304 for If-None-Match', async () => {
    await results([report({ service: 'youtube.com', observedAt: clock.now() })]);
    await app().downwatch.stats.refresh();
    const response = await app().inject({ method: 'GET', url: '/v1/status' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=15');
    const body = response.json();
    expect(body.windowMinutes).toBe(WINDOW_MINUTES);
    expect(body.generatedAt).toBe(clock.now());
    expect(body.services.map((s: { id: string }) => s.id).sort()).toEqual(CATALOG.map((s) => s.id).sort());
    expect(body.services.find((s: { id: string }) => s.id === 'youtube')).toMatchObject({ name: 'YouTube', level: 'ok', count: 1, since: null });
    const etag = response.headers.etag as string;
    const cached = await app().inject({ method: 'GET', url: '/v1/status', headers: { 'if-none-match': etag } });
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
    await resultsEach(reports);
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
    const response = await app().inject({ method: 'GET', url });
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
      await resultsEach(Array.from({ length: 12 }, () => report({ service: 'reddit', observedAt })));
      await resultsEach(Array.from({ length: 12 }, () => report({ service: 'surge-case.net', observedAt })));
      await results([report({ service: 'quiet-case.net', observedAt })]);
      clock.advance(MINUTE);
    }
    clock.advance(-MINUTE);
    await app().downwatch.stats.refresh();
    const status = (await app().inject({ method: 'GET', url: '/v1/status' })).json();
    const reddit = status.services.find((s: { id: string }) => s.id === 'reddit');
    expect(reddit).toMatchObject({ level: 'outage', count: 60 });
    expect(reddit.since).toBeGreaterThan(clock.now() - 5 * MINUTE);
    expect(status.services[0].level).toBe('outage');
    expect(status.services.find((s: { id: string }) => s.id === 'surge-case.net')).toMatchObject({ level: 'outage', name: 'surge-case.net' });
    expect(status.services.some((s: { id: string }) => s.id === 'quiet-case.net')).toBe(false);
    const x = status.services.find((s: { id: string }) => s.id === 'x');
    expect(status.services.indexOf(x)).toBeGreaterThan(status.services.indexOf(reddit));
  });

  it('serves /v1/rules with the bundled pack (unsigned without RULES_PACK_FILE), an ETag and 304', async () => {
    const response = await app().inject({ method: 'GET', url: '/v1/rules' });
    expect(response.statusCode).toBe(200);
    const envelope = response.json();
    expect(envelope.signature).toBeUndefined();
    const pack = JSON.parse(envelope.pack);
    expect(typeof pack.version).toBe('string');
    expect(pack.services.length).toBeGreaterThanOrEqual(6);
    expect(response.headers.etag).toContain(pack.version);
    const again = await app().inject({ method: 'GET', url: '/v1/rules', headers: { 'if-none-match': response.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('answers /healthz, /metrics with requests, reports and batches, and /openapi.json from the route schemas', async () => {
    const client = newClient();
    await results([report({ client, observedAt: clock.now() }), report({ client, observedAt: clock.now() })]);
    expect((await post({ reports: [] })).statusCode).toBe(400);
    expect((await app().inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const metrics = (await app().inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/downwatch_http_requests_total\{route="\/v1\/reports",method="POST",code="200"\} \d+/);
    expect(metrics).toMatch(/downwatch_http_requests_total\{route="\/v1\/reports",method="POST",code="400"\} \d+/);
    expect(metrics).toMatch(/downwatch_reports_total\{status="counted"\} \d+/);
    expect(metrics).toMatch(/downwatch_reports_total\{status="suppressed"\} \d+/);
    expect(metrics).toMatch(/downwatch_batch_reports_count \d+/);
    expect(metrics).toMatch(/downwatch_commit_seconds_bucket\{le="0.01"\} \d+/);
    const openapi = (await app().inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    const reportsOperation = openapi.paths['/v1/reports'].post;
    expect(reportsOperation.requestBody.content['application/json'].schema.properties.reports.items.required).toContain('observedAt');
    expect(reportsOperation.requestBody.content['application/json'].schema.properties.reports.items.additionalProperties).toBe(false);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/status', '/v1/services/{id}', '/v1/rules', '/healthz']));
    expect(openapi.paths['/v1/services/{id}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'hours']);
  });
});
