// POST /v1/reports over real HTTP takes the fast path in front of Fastify
// (server/routes/reportFastPath.ts); app.inject always goes through the
// Fastify route. Answer by answer, both must send the same status, headers
// and body, and count the same metric; whatever the fast path does not take
// must reach the route.
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { ManualClock } from '../../server/clock.ts';
import { startListeningApp } from './helpers/listeningApp.ts';
import { report, T0 } from './helpers/reports.ts';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
/** Per-connection headers Node adds itself; everything else must match. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let app: FastifyInstance;
let port: number;
let drop: () => Promise<void>;
/** Requests Fastify's own hooks saw: the fast path must not reach them. */
const fastifySaw: string[] = [];

beforeAll(async () => {
  ({ app, port, stop: drop } = await startListeningApp({
    clock: new ManualClock(T0),
    onRequest: (request) => {
      if (request.url.startsWith('/v1/')) fastifySaw.push(`${request.method} ${request.url}`);
    },
  }));
});

afterAll(async () => {
  await drop();
});

const keep = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => !TRANSPORT.has(key)).map(([k, v]) => [k, String(v)]));

/** Raw HTTP, so the body and headers go out exactly as written. */
function overHttp(body: string, headers: Record<string, string> = JSON_HEADERS, path = '/v1/reports', chunked = false, to = port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: to, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: keep(res.headers), body: text }));
    });
    req.on('error', reject);
    if (chunked) req.write(body);
    req.end(chunked ? undefined : body);
  });
}

async function throughFastify(body: string, headers: Record<string, string> = JSON_HEADERS, into = app): Promise<Answer> {
  const response = await into.inject({ method: 'POST', url: '/v1/reports', payload: body, headers });
  return { status: response.statusCode, headers: keep(response.headers), body: response.body };
}

async function reportRequests(code: number): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const match = new RegExp(`downwatch_http_requests_total\\{route="/v1/reports",method="POST",code="${code}"\\} (\\d+)`).exec(text);
  return Number(match?.[1] ?? 0);
}

const batch = (...reports: unknown[]) => JSON.stringify({ reports });

it('answers hostile and malformed bodies exactly as the Fastify route does, without entering Fastify', async () => {
  const bodies: Array<[string, string]> = [
    ['truncated JSON', '{"reports": ['],
    ['trailing garbage', '{"reports": []} x'],
    ['only a byte order mark', '\ufeff'],
    ['a bare string', '"reports"'],
    ['null', 'null'],
    ['an array', '[]'],
    ['no reports field', '{}'],
    ['reports of the wrong type', '{"reports": 1}'],
    ['no reports', '{"reports": []}'],
    ['51 reports', batch(...Array.from({ length: 51 }, () => report()))],
    ['an unknown envelope field', `{"reports": [${JSON.stringify(report())}], "extra": 1}`],
    ['a __proto__ envelope key', `{"reports": [${JSON.stringify(report())}], "__proto__": {"x": 1}}`],
    ['deep nesting', `{"reports": [${'['.repeat(2000)}${']'.repeat(2000)}]}`],
    ['only rejected reports', batch({ ...report(), problem: 'nope' }, { id: 'x'.repeat(5000) }, null, 7)],
  ];
  for (const headers of [JSON_HEADERS, { ...JSON_HEADERS, origin: ORIGIN }, { 'content-type': 'application/json; charset=UTF-8', origin: 'https://evil.example' }]) {
    for (const [name, body] of bodies) {
      fastifySaw.length = 0;
      const fast = await overHttp(body, headers);
      expect(fastifySaw, name).toEqual([]);
      expect(fast.status, name).toBeGreaterThanOrEqual(200);
      expect(fast, name).toEqual(await throughFastify(body, headers));
    }
  }
  expect((await overHttp('{"reports": [')).body).toBe('{"error":{"code":"invalid_json","message":"The request body is not valid JSON."}}');
});

it('counts new reports, with a byte order mark too, and answers them as the route does', async () => {
  const headers = { ...JSON_HEADERS, origin: ORIGIN };
  const fastReports = [report(), report({ problem: 'nope' })];
  const routeReports = [report(), report({ problem: 'nope' })];
  fastifySaw.length = 0;
  const fast = await overHttp(`\ufeff${batch(...fastReports)}`, headers);
  expect(fastifySaw).toEqual([]);
  const route = await throughFastify(`\ufeff${batch(...routeReports)}`, headers);
  expect(fast.status).toBe(200);
  expect(JSON.parse(fast.body).results.map((r: { status: string }) => r.status)).toEqual(['counted', 'rejected']);
  // The same answer but for the ids.
  expect({ ...fast, body: fast.body.replace(fastReports[0]!.id, 'ID').replace(fastReports[1]!.id, 'ID2') })
    .toEqual({ ...route, body: route.body.replace(routeReports[0]!.id, 'ID').replace(routeReports[1]!.id, 'ID2') });
  expect(fast.headers['access-control-allow-origin']).toBe(ORIGIN);
  // Resent: a duplicate, through either path.
  expect(JSON.parse((await overHttp(batch(fastReports[0]!))).body).results[0].status).toBe('duplicate');
  expect(JSON.parse((await throughFastify(batch(fastReports[0]!))).body).results[0].status).toBe('duplicate');
});

it('answers a rate-limited install with the same 429 and Retry-After as the route', async () => {
  const limited = await startListeningApp({ env: { RATE_LIMIT_CLIENT: '1' }, clock: new ManualClock(T0) });
  try {
    const client = 'rate-limited-install-1';
    expect((await overHttp(batch(report({ client })), JSON_HEADERS, '/v1/reports', false, limited.port)).status).toBe(200);
    const fast = await overHttp(batch(report({ client })), JSON_HEADERS, '/v1/reports', false, limited.port);
    expect(fast.status).toBe(429);
    expect(fast.headers['retry-after']).toBe('60');
    expect(fast).toEqual(await throughFastify(batch(report({ client })), JSON_HEADERS, limited.app));
  } finally {
    await limited.stop();
  }
});

it('counts fast-path answers in the same request metric as the route', async () => {
  const before = [await reportRequests(200), await reportRequests(400)];
  await overHttp(batch(report()));
  await overHttp('{"reports": 1}');
  expect([await reportRequests(200), await reportRequests(400)]).toEqual([before[0]! + 1, before[1]! + 1]);
});

it('leaves the rest to Fastify: other media types, chunked, empty or oversized bodies, a query string', async () => {
  const small = batch(report());
  const cases: Array<[string, () => Promise<Answer>, number]> = [
    ['charset other than UTF-8', () => overHttp(small, { 'content-type': 'application/json; charset=latin1' }), 200],
    ['text/plain', () => overHttp(small, { 'content-type': 'text/plain' }), 415],
    ['chunked', () => overHttp(small, JSON_HEADERS, '/v1/reports', true), 200],
    ['empty', () => overHttp('', { ...JSON_HEADERS, 'content-length': '0' }), 400],
    ['over 32 KiB', () => overHttp(' '.repeat(33 * 1024), JSON_HEADERS), 413],
    ['query string', () => overHttp(small, JSON_HEADERS, '/v1/reports?x=1'), 200],
  ];
  for (const [name, send, status] of cases) {
    fastifySaw.length = 0;
    const answer = await send();
    expect(answer.status, name).toBe(status);
    expect(fastifySaw.length, name).toBe(1);
  }
});

it('sends reports through Fastify behind a trusted proxy, whose forwarded address Fastify works out', async () => {
  const saw: string[] = [];
  const proxied = await startListeningApp({ env: { TRUST_PROXY: 'true' }, clock: new ManualClock(T0), onRequest: (request) => saw.push(request.ip) });
  try {
    const answer = await overHttp(batch(report()), { ...JSON_HEADERS, 'x-forwarded-for': '203.0.113.9' }, '/v1/reports', false, proxied.port);
    expect(answer.status).toBe(200);
    expect(saw).toEqual(['203.0.113.9']);
  } finally {
    await proxied.stop();
  }
});
