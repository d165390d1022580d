// Hostile input over real HTTP: each gets the right 4xx with a clear error
// body, nothing crashes, and the server keeps serving valid reports.
import { request as httpRequest } from 'node:http';
import { startListeningApp, type ListeningApp } from './helpers/listeningApp.ts';
import { report } from './helpers/reports.ts';

const PORT = 18031;
let server: ListeningApp | undefined;

beforeAll(async () => {
  server = await startListeningApp({ port: PORT });
});
afterAll(async () => {
  await server?.stop();
});

/** Raw HTTP, so bodies and headers go out exactly as written (fetch would fix some up). */
function send(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }, chunked = false) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: PORT, path: '/v1/reports', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    if (chunked) {
      const buffer = Buffer.from(body);
      for (let i = 0; i < buffer.length; i += 4096) req.write(buffer.subarray(i, i + 4096));
      req.end();
    } else {
      req.end(body);
    }
  });
}

const json = (value: unknown) => JSON.stringify(value);
const fresh = () => report({ observedAt: Date.now() });

async function expectError(promise: ReturnType<typeof send>, status: number, code: string, message: RegExp) {
  const response = await promise;
  expect(response.status).toBe(status);
  expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.stringMatching(message) } });
}

it.each([
  ['truncated JSON', '{"reports": [', /not valid JSON/],
  ['trailing garbage', '{"reports": []} x', /not valid JSON/],
  ['a bare string', '"reports"', /object/],
  ['null', 'null', /object/],
])('answers malformed JSON (%s) with 400', async (_name, body, message) => {
  const response = await send(body);
  expect(response.status).toBe(400);
  expect(JSON.parse(response.body).error.message).toMatch(message);
});

it('answers an empty JSON body with 400 invalid_json', async () => {
  await expectError(send(''), 400, 'invalid_json', /empty/);
});

it('answers an envelope of the wrong type with 400', async () => {
  await expectError(send(json({ reports: 'all of them' })), 400, 'invalid_request', /reports must be array/);
  await expectError(send(json({ reports: [fresh()], extra: true })), 400, 'invalid_request', /unknown field "extra"/);
});

it('answers a __proto__ key with 400 rather than polluting objects', async () => {
  const response = await send(`{"reports":[${json(fresh())}],"__proto__":{"polluted":true}}`);
  expect(response.status).toBe(400);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('rejects reports with wrong types one by one, without coercion', async () => {
  const good = fresh();
  const response = await send(json({ reports: [{ ...fresh(), observedAt: String(Date.now()) }, { ...fresh(), signals: 'banner' }, 42, null, good] }));
  expect(response.status).toBe(200);
  const { results } = JSON.parse(response.body);
  expect(results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'counted']);
  expect(results[2]).toEqual({ id: null, status: 'rejected', reason: 'a report must be a JSON object' });
});

it('rejects huge strings with a short reason and never echoes them back', async () => {
  const huge = 'a'.repeat(30_000);
  const response = await send(json({ reports: [{ ...fresh(), service: `${huge}.com` }] }));
  expect(response.status).toBe(200);
  const result = JSON.parse(response.body).results[0];
  expect(result.status).toBe('rejected');
  expect(result.reason).toMatch(/"service"/);
  expect(response.body.length).toBeLessThan(500);
  const hugeId = await send(json({ reports: [{ ...fresh(), id: huge }] }));
  expect(JSON.parse(hugeId.body).results[0]).toMatchObject({ id: null, status: 'rejected' });
});

it('rejects deep nesting: inside a report alone, in the envelope as a whole', async () => {
  const depth = 15_000;
  const nestedReport = await send(`{"reports":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);
  expect(nestedReport.status).toBe(200);
  expect(JSON.parse(nestedReport.body).results[0].reason).toBe('a report must be a JSON object');
  const nestedField = await send(`{"reports":[${json(fresh()).slice(0, -1)},"deep":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]}`);
  expect(JSON.parse(nestedField.body).results[0].reason).toMatch(/unknown field "deep"/);
  await expectError(send(`{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`), 400, 'invalid_request', /missing the field "reports"/);
});

it.each([
  ['text/plain', { 'content-type': 'text/plain' }],
  ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
  ['no content type', {} as Record<string, string>],
])('answers a %s body with 415', async (_name, headers) => {
  await expectError(send(json({ reports: [fresh()] }), headers), 415, 'unsupported_media_type', /application\/json/);
});

it('answers a body over 32 KiB with 413, with or without Content-Length', async () => {
  const big = json({ reports: [{ ...fresh(), service: 'b'.repeat(40_000) }] });
  await expectError(send(big), 413, 'body_too_large', /32 KiB/);
  await expectError(send(big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, true), 413, 'body_too_large', /32 KiB/);
});

it('keeps serving after all of the above: a valid report is counted and /healthz answers', async () => {
  const response = await send(json({ reports: [fresh()] }));
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body).results[0].status).toBe('counted');
  expect((await fetch(`http://127.0.0.1:${PORT}/healthz`)).status).toBe(200);
});

it('answers "__proto__" and "constructor" keys inside a report as unknown fields, and pollutes nothing', async () => {
  const first = json(fresh()).slice(0, -1);
  const second = json(fresh()).slice(0, -1);
  const response = await send(`{"reports":[${first},"__proto__":{"polluted":true}},${second},"constructor":{"prototype":{"polluted":true}}}]}`);
  expect(response.status).toBe(200);
  const { results } = JSON.parse(response.body);
  expect(results.map((r: { status: string; reason: string }) => [r.status, r.reason])).toEqual([
    ['rejected', 'unknown field "__proto__" (no other fields are allowed)'],
    ['rejected', 'unknown field "constructor" (no other fields are allowed)'],
  ]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
