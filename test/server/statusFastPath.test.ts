// GET /v1/status over real HTTP takes the fast path in front of Fastify
// (server/routes/statusFastPath.ts); app.inject always goes through the
// Fastify route. Both must answer the same bytes and the same headers.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { sqliteDatabase } from './helpers/databases.ts';
import { T0, testConfig } from './helpers/reports.ts';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
/** Per-connection headers Node adds itself; everything else must match. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

let app: FastifyInstance;
let base: string;
let drop: () => Promise<void>;
/** URLs Fastify's own request hooks saw: the fast path must not reach them. */
const fastifySaw: string[] = [];

beforeAll(async () => {
  const db = sqliteDatabase();
  drop = db.drop;
  app = await buildApp({ config: testConfig(db.url), clock: new ManualClock(T0), logger: false });
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith('/v1/')) fastifySaw.push(`${request.method} ${request.url}`);
    done();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await drop();
});

async function overHttp(headers: Record<string, string> = {}, path = '/v1/status') {
  const response = await fetch(`${base}${path}`, { headers });
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!TRANSPORT.has(key)) out[key] = value;
  });
  return { status: response.status, headers: out, body: await response.text() };
}

async function throughFastify(headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url: '/v1/status', headers });
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) {
    if (!TRANSPORT.has(key)) out[key] = String(value);
  }
  return { status: response.statusCode, headers: out, body: response.body };
}

async function statusRequests(code: number): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const match = new RegExp(`downwatch_http_requests_total\\{route="/v1/status",method="GET",code="${code}"\\} (\\d+)`).exec(text);
  return Number(match?.[1] ?? 0);
}

it('answers GET /v1/status over HTTP without entering Fastify', async () => {
  fastifySaw.length = 0;
  expect((await overHttp()).status).toBe(200);
  expect(fastifySaw).toEqual([]);
});

it('answers GET /v1/status over HTTP with the same status, headers and body as the Fastify route', async () => {
  const cases: Array<Record<string, string>> = [{}, { origin: ORIGIN }, { origin: 'https://evil.example' }];
  for (const headers of cases) {
    const fast = await overHttp(headers);
    expect(fast.status).toBe(200);
    expect(fast).toEqual(await throughFastify(headers));
  }
  expect((await overHttp({ origin: ORIGIN })).headers['access-control-allow-origin']).toBe(ORIGIN);
  expect((await overHttp({ origin: 'https://evil.example' })).headers['access-control-allow-origin']).toBeUndefined();
});

it('answers a matching If-None-Match with 304 and no body, like the Fastify route', async () => {
  const { headers } = await overHttp();
  const fast = await overHttp({ 'if-none-match': headers.etag! });
  expect(fast.status).toBe(304);
  expect(fast.body).toBe('');
  expect(fast).toEqual(await throughFastify({ 'if-none-match': headers.etag! }));
});

it('counts fast-path answers in the same request metric as the route', async () => {
  const before = [await statusRequests(200), await statusRequests(304)];
  const { headers } = await overHttp();
  await overHttp({ 'if-none-match': headers.etag! });
  expect([await statusRequests(200), await statusRequests(304)]).toEqual([before[0]! + 1, before[1]! + 1]);
});

it('leaves other requests to Fastify: a query string, another method, another path', async () => {
  fastifySaw.length = 0;
  expect((await overHttp({}, '/v1/status?x=1')).status).toBe(200);
  expect((await fetch(`${base}/v1/status`, { method: 'POST' })).status).toBe(404);
  expect((await overHttp({}, '/v1/rules')).status).toBe(200);
  expect(fastifySaw).toEqual(['GET /v1/status?x=1', 'POST /v1/status', 'GET /v1/rules']);
});

it('sends /v1/status through Fastify when request logs are on (info level), so every request is logged', async () => {
  const db = sqliteDatabase();
  let log = '';
  const stream = { write: (line: string) => void (log += line) };
  const logged = await buildApp({ config: testConfig(db.url, { LOG_LEVEL: 'info' }), clock: new ManualClock(T0), logger: { stream } });
  try {
    await logged.listen({ port: 0, host: '127.0.0.1' });
    const address = logged.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect((await fetch(`http://127.0.0.1:${port}/v1/status`)).status).toBe(200);
    expect(log).toContain('"url":"/v1/status"');
  } finally {
    await logged.close();
    await db.drop();
  }
});
