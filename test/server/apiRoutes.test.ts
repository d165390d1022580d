// The wire protocol's routes have one path (server/api/router.ts), whatever
// the log level or proxy setting: real HTTP and app.inject() both reach it
// and Fastify never sees those requests, the answers are the same either
// way, and the edges of HTTP (chunked bodies, Expect, HEAD, wrong methods, a
// closing server) are answered as documented.
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { ManualClock } from '../../server/clock.ts';
import { startListeningApp, type ListeningApp } from './helpers/listeningApp.ts';
import { RawConnection } from './helpers/rawHttp.ts';
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

/** Requests Fastify's own hooks saw. */
const fastifySaw: string[] = [];
let server: ListeningApp;
let app: FastifyInstance;

beforeAll(async () => {
  // Request logs at info and a trusted proxy: the configuration that used to send everything through Fastify.
  server = await startListeningApp({
    clock: new ManualClock(T0),
    env: { LOG_LEVEL: 'info', TRUST_PROXY: '127.0.0.1', RATE_LIMIT_IP: '1000', RATE_LIMIT_CLIENT: '100' },
    logger: { stream: { write: () => {} } },
    onRequest: (request) => fastifySaw.push(`${request.method} ${request.url}`),
  });
  app = server.app;
});

afterAll(async () => {
  await server.stop();
});

const keep = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => !TRANSPORT.has(key)).map(([k, v]) => [k, String(v)]));

function overHttp(method: string, path: string, body?: string, headers: Record<string, string> = {}, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: keep(res.headers), body: text }));
    });
    req.on('error', reject);
    if (chunked && body !== undefined) {
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    } else {
      req.end(body);
    }
  });
}

async function throughInject(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await app.inject({ method: method as 'GET', url: path, payload: body, headers });
  return { status: response.statusCode, headers: keep(response.headers), body: response.body };
}

const batch = (...reports: unknown[]) => JSON.stringify({ reports });

it('answers every request to the API paths itself, over HTTP and through inject; Fastify sees only the rest', async () => {
  fastifySaw.length = 0;
  const requests: Array<[string, string, string?]> = [
    ['POST', '/v1/reports', batch(report())], ['POST', '/v1/reports', '{"reports": ['], ['GET', '/v1/status'],
    ['GET', '/v1/status?cache=bust'], ['HEAD', '/v1/status'], ['GET', '/v1/services/x?hours=2'], ['GET', '/v1/services/%'],
    ['GET', '/v1/rules'], ['DELETE', '/v1/rules'], ['GET', '/v1/reports'],
  ];
  for (const [method, path, body] of requests) {
    const headers = body === undefined ? {} : JSON_HEADERS;
    expect((await overHttp(method, path, body, headers)).status, `${method} ${path}`).toBeLessThan(500);
    expect((await throughInject(method, path, body, headers)).status, `${method} ${path}`).toBeLessThan(500);
  }
  expect(fastifySaw).toEqual([]);
  await overHttp('GET', '/healthz');
  await overHttp('OPTIONS', '/v1/reports', undefined, { origin: ORIGIN, 'access-control-request-method': 'POST' });
  expect(fastifySaw).toEqual(['GET /healthz', 'OPTIONS /v1/reports']);
});

it('answers the same bytes over HTTP as through inject, for hostile bodies, reads and refusals', async () => {
  const cases: Array<[string, string, string | undefined, Record<string, string>]> = [
    ['POST', '/v1/reports', '{"reports": [', JSON_HEADERS],
    ['POST', '/v1/reports', '\ufeff{"reports": 1}', { ...JSON_HEADERS, origin: ORIGIN }],
    ['POST', '/v1/reports', '{"reports": []}', { 'content-type': 'Application/JSON; charset=UTF-8' }],
    ['POST', '/v1/reports', batch({ ...report(), problem: 'nope' }, null), JSON_HEADERS],
    ['POST', '/v1/reports', `{"reports": [${JSON.stringify(report())}], "__proto__": {"x": 1}}`, JSON_HEADERS],
    ['POST', '/v1/reports', batch(report()), { 'content-type': 'text/plain' }],
    ['POST', '/v1/reports', '', JSON_HEADERS],
    ['POST', '/v1/reports', ' '.repeat(33 * 1024), JSON_HEADERS],
    ['GET', '/v1/status', undefined, { origin: ORIGIN }],
    ['GET', '/v1/status', undefined, { origin: 'https://evil.example' }],
    ['GET', '/v1/services/twitter.com?hours=1', undefined, {}],
    ['GET', '/v1/services/x?hours=0', undefined, {}],
    ['GET', '/v1/services/not_valid!', undefined, {}],
    ['GET', '/v1/rules', undefined, {}],
    ['PUT', '/v1/status', 'x', JSON_HEADERS],
    ['GET', '/nowhere', undefined, {}],
  ];
  for (const [method, path, body, headers] of cases) {
    const http = await overHttp(method, path, body, headers);
    expect(http, `${method} ${path} ${body?.slice(0, 20)}`).toEqual(await throughInject(method, path, body, headers));
    expect(http.headers['x-content-type-options'], `${method} ${path}`).toBe('nosniff');
  }
});

it('counts a chunked body as one sent with a length, and answers HEAD with the headers of GET and no body', async () => {
  const chunked = await overHttp('POST', '/v1/reports', batch(report()), JSON_HEADERS, true);
  expect(chunked.status).toBe(200);
  expect(JSON.parse(chunked.body).results[0].status).toBe('counted');

  const connection = await RawConnection.open(server.port);
  connection.write('GET /v1/status HTTP/1.1\r\nHost: t\r\n\r\nHEAD /v1/status HTTP/1.1\r\nHost: t\r\n\r\n');
  const get = await connection.response();
  const head = await connection.response(true);
  expect(head.status).toBe(200);
  expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
  expect(head.headers.etag).toBe(get.headers.etag);
  // The HEAD answer had no body: the next answer on the connection starts right after its headers.
  connection.write('GET /v1/rules HTTP/1.1\r\nHost: t\r\n\r\n');
  expect((await connection.response()).status).toBe(200);
  connection.end();
});

it('answers a wrong method with 405 and Allow, on the API routes and on Fastify\'s', async () => {
  for (const [method, path, allow] of [
    ['DELETE', '/v1/status', 'GET, HEAD, OPTIONS'], ['POST', '/v1/services/x', 'GET, HEAD, OPTIONS'],
    ['GET', '/v1/reports', 'POST, OPTIONS'], ['POST', '/healthz', 'GET, HEAD, OPTIONS'], ['PATCH', '/metrics', 'GET, HEAD, OPTIONS'],
  ] as const) {
    const answer = await throughInject(method, path, method === 'GET' ? undefined : '{}', method === 'GET' ? {} : JSON_HEADERS);
    expect(answer.status, `${method} ${path}`).toBe(405);
    expect(answer.headers.allow, `${method} ${path}`).toBe(allow);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'method_not_allowed', message: expect.stringContaining(method) } });
  }
});

describe('Expect: 100-continue', () => {
  const head = (length: number, type = 'application/json') =>
    `POST /v1/reports HTTP/1.1\r\nHost: t\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`;

  it('asks for the body of an acceptable request, then counts it', async () => {
    const body = batch(report());
    const connection = await RawConnection.open(server.port);
    connection.write(head(Buffer.byteLength(body)));
    expect((await connection.response()).status).toBe(100);
    connection.write(body);
    const answer = await connection.response();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).results[0].status).toBe('counted');
    connection.end();
  });

  it.each([
    ['too large', head(40_000), 413, 'body_too_large'],
    ['of the wrong type', head(20, 'text/plain'), 415, 'unsupported_media_type'],
  ])('refuses a body %s before it is sent: no 100, the envelope, and the connection ends', async (_name, request, status, code) => {
    const connection = await RawConnection.open(server.port);
    connection.write(request);
    const answer = await connection.response();
    expect(answer.status).toBe(status);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body).error.code).toBe(code);
    await connection.closed;
    expect(connection.received()).not.toContain('100 Continue');
  });
});

it('answers requests that complete while the server closes with 503 in the envelope, and counts nothing', async () => {
  let closeBegan!: () => void;
  const began = new Promise<void>((resolve) => (closeBegan = resolve));
  const closing = await startListeningApp({ clock: new ManualClock(T0), onClosing: () => closeBegan() });
  const body = batch(report());
  const post = await RawConnection.open(closing.port);
  const get = await RawConnection.open(closing.port);
  // Both requests are in progress (so the server waits for them) when the close begins.
  post.write(`POST /v1/reports HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`);
  get.write('GET /v1/status HTTP/1.1\r\nHost: t\r\n');
  const stopped = closing.stop();
  await began;
  post.write(body.slice(5));
  get.write('\r\n');
  for (const connection of [post, get]) {
    const answer = await connection.response();
    expect(answer.status).toBe(503);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body).error.code).toBe('unavailable');
    await connection.closed;
  }
  await stopped;
  expect(closing.app.downwatch.metrics.render()).not.toMatch(/downwatch_reports_total\{status="counted"\}/);
});
