// HTTP edges that do not depend on the database: CORS for extension origins,
// security headers, rate limits with Retry-After, proxies, and logs without IPs.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { sqliteDatabase, type TestDatabase } from './helpers/databases.ts';
import { newClient, report, T0, testConfig } from './helpers/reports.ts';

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function appWith(env: Record<string, string> = {}, logger: boolean | Record<string, unknown> = false) {
  const db: TestDatabase = sqliteDatabase();
  const clock = new ManualClock(T0 + 30_000);
  const app = await buildApp({ config: testConfig(db.url, env), clock, logger });
  cleanup.push(async () => {
    await app.close();
    await db.drop();
  });
  return { app, clock };
}

const postFrom = (app: FastifyInstance, remoteAddress: string, reports: unknown[], headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/reports', payload: { reports }, remoteAddress, headers });

describe('CORS and headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => ({ app } = await appWith()));

  it.each([
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://0b5bd4a4-3c4e-4d2b-9a8f-1f2e3d4c5b6a',
  ])('answers a preflight from %s with the allowed origin, methods and headers', async (origin) => {
    const response = await app.inject({
      method: 'OPTIONS', url: '/v1/reports',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
    const get = await app.inject({ method: 'GET', url: '/v1/status', headers: { origin } });
    expect(get.headers['access-control-allow-origin']).toBe(origin);
    expect(String(get.headers['access-control-expose-headers'])).toContain('ETag');
  });

  it('gives web page origins no CORS access', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/status', headers: { origin: 'https://evil.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers report posts with the security headers, and CORS only for extension origins', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const fromExtension = await postFrom(app, '10.1.1.1', [report()], { origin });
    expect(fromExtension.statusCode).toBe(200);
    expect(fromExtension.headers['access-control-allow-origin']).toBe(origin);
    expect(String(fromExtension.headers['access-control-expose-headers'])).toContain('Retry-After');
    expect(fromExtension.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(fromExtension.headers['content-length'])).toBe(Buffer.byteLength(fromExtension.body));
    expect(JSON.parse(fromExtension.body).results).toHaveLength(1);
    const fromPage = await postFrom(app, '10.1.1.2', [report()], { origin: 'https://evil.example' });
    expect(fromPage.headers['access-control-allow-origin']).toBeUndefined();
    for (const response of [fromExtension, fromPage]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers.vary).toBe('Origin');
    }
  });

  it('sends security headers on data, errors and unknown routes', async () => {
    for (const url of ['/v1/status', '/v1/services/not_valid!', '/nowhere']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    const missing = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /nowhere.' } });
  });
});

describe('rate limits', () => {
  it('limits reports per IP per minute with 429 and Retry-After, separately per IP, and resets next minute', async () => {
    const { app, clock } = await appWith({ RATE_LIMIT_IP: '5' });
    const fresh = () => report({ observedAt: clock.now() });
    expect((await postFrom(app, '198.51.100.1', [fresh(), fresh(), fresh()])).statusCode).toBe(200);
    expect((await postFrom(app, '198.51.100.1', [fresh(), fresh()])).statusCode).toBe(200);
    const limited = await postFrom(app, '198.51.100.1', [fresh()]);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBe(30);
    expect((await postFrom(app, '198.51.100.2', [fresh()])).statusCode).toBe(200);
    clock.advance(30_000);
    expect((await postFrom(app, '198.51.100.1', [fresh()])).statusCode).toBe(200);
  });

  it('limits reports per install (client id) across services', async () => {
    const { app, clock } = await appWith({ RATE_LIMIT_CLIENT: '3' });
    const client = newClient();
    const mine = (service: string) => report({ client, service, observedAt: clock.now() });
    expect((await postFrom(app, '198.51.100.3', [mine('x'), mine('reddit'), mine('youtube')])).statusCode).toBe(200);
    const limited = await postFrom(app, '198.51.100.4', [mine('facebook')]);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/install/);
    expect((await postFrom(app, '198.51.100.3', [report({ observedAt: clock.now() })])).statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only from a trusted proxy', async () => {
    const behindProxy = (await appWith({ RATE_LIMIT_IP: '1', TRUST_PROXY: '10.0.0.0/8' })).app;
    const direct = (await appWith({ RATE_LIMIT_IP: '1' })).app;
    for (const [app, secondStatus] of [[behindProxy, 200], [direct, 429]] as const) {
      const a = await postFrom(app, '10.0.0.1', [report({ observedAt: T0 })], { 'x-forwarded-for': '203.0.113.1' });
      const b = await postFrom(app, '10.0.0.1', [report({ observedAt: T0 })], { 'x-forwarded-for': '203.0.113.2' });
      expect([a.statusCode, b.statusCode]).toEqual([200, secondStatus]);
    }
    // A peer outside the list is the client, whatever it forwards.
    const a = await postFrom(behindProxy, '198.51.100.7', [report({ observedAt: T0 })], { 'x-forwarded-for': '203.0.113.3' });
    const b = await postFrom(behindProxy, '198.51.100.7', [report({ observedAt: T0 })], { 'x-forwarded-for': '203.0.113.4' });
    expect([a.statusCode, b.statusCode]).toEqual([200, 429]);
  });

  it('keys an IPv6 sender by its /64: another address in the same /64 shares the limit, another /64 does not', async () => {
    const { app } = await appWith({ RATE_LIMIT_IP: '1' });
    expect((await postFrom(app, '2001:db8:1:2::1', [report({ observedAt: T0 })])).statusCode).toBe(200);
    expect((await postFrom(app, '2001:db8:1:2:ffff:ffff:ffff:ffff', [report({ observedAt: T0 })])).statusCode).toBe(429);
    expect((await postFrom(app, '2001:db8:1:3::1', [report({ observedAt: T0 })])).statusCode).toBe(200);
    // IPv4 stays per address, mapped or not.
    expect((await postFrom(app, '192.0.2.1', [report({ observedAt: T0 })])).statusCode).toBe(200);
    expect((await postFrom(app, '::ffff:192.0.2.1', [report({ observedAt: T0 })])).statusCode).toBe(429);
    expect((await postFrom(app, '192.0.2.2', [report({ observedAt: T0 })])).statusCode).toBe(200);
  });
});

describe('privacy of logs', () => {
  it('logs one line per request under its route pattern: never the client address, nor the domain asked about', async () => {
    let log = '';
    const stream = new Writable({ write(chunk, _encoding, done) { log += chunk; done(); } });
    const { app, clock } = await appWith({ RATE_LIMIT_IP: '1', LOG_LEVEL: 'info', TRUST_PROXY: '10.9.9.9' }, { stream });
    const ip = '203.0.113.77';
    await postFrom(app, ip, [report({ observedAt: clock.now() })]);
    await postFrom(app, ip, [report({ observedAt: clock.now() })]);
    await postFrom(app, '10.9.9.9', [report()], { 'x-forwarded-for': '198.51.100.99' });
    await app.inject({ method: 'POST', url: '/v1/reports', payload: '{bad', headers: { 'content-type': 'application/json' }, remoteAddress: ip });
    await app.inject({ method: 'GET', url: '/v1/services/my-clinic.example?hours=2' });
    await app.inject({ method: 'GET', url: '/v1/services/my-clinic.example/typo' });
    await app.inject({ method: 'GET', url: '/healthz' });
    const lines = log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((r) => [r.method, r.route, r.status])).toEqual([
      ['POST', '/v1/reports', 200], ['POST', '/v1/reports', 429], ['POST', '/v1/reports', 200], ['POST', '/v1/reports', 400],
      ['GET', '/v1/services/:id', 200], ['GET', 'unmatched', 404], ['GET', '/healthz', 200],
    ]);
    for (const request of requests) expect(request).toMatchObject({ level: 30, time: expect.any(Number), us: expect.any(Number) });
    expect(log).not.toContain(ip);
    expect(log).not.toContain('10.9.9.9');
    expect(log).not.toContain('198.51.100.99');
    expect(log).not.toContain('my-clinic');
    expect(log).not.toMatch(/remoteAddress|remotePort|"url"/);
  });

  it('writes no request lines above info', async () => {
    let log = '';
    const stream = new Writable({ write(chunk, _encoding, done) { log += chunk; done(); } });
    const { app } = await appWith({ LOG_LEVEL: 'warn' }, { stream });
    expect((await app.inject({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(log).toBe('');
  });
});

describe('network keys', () => {
  it('hash a network under a secret that changes with the UTC day, never holding the address', async () => {
    const { NetworkHasher } = await import('../../server/net/networkHasher.ts');
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 23, 59));
    const hasher = new NetworkHasher(clock);
    const today = hasher.hash('203.0.113.5');
    expect(hasher.hash('203.0.113.5')).toBe(today);
    expect(hasher.hash('::ffff:203.0.113.5')).toBe(today);
    expect(hasher.hash('203.0.113.6')).not.toBe(today);
    expect(today).not.toContain('203');
    expect(hasher.hash('2001:db8::1')).toBe(hasher.hash('2001:0db8:0:0:ffff::2'));
    expect(hasher.hash('2001:db8::1')).not.toBe(hasher.hash('2001:db8:0:1::1'));
    clock.advance(2 * 60_000);
    expect(hasher.hash('203.0.113.5')).not.toBe(today);
    expect(new NetworkHasher(new ManualClock(Date.UTC(2026, 10, 2, 12))).hash('203.0.113.5')).not.toBe(today);
  });
});
