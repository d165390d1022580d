// Every error the server answers, whoever raises it (the API routes, Fastify,
// Node's HTTP parser), is the documented envelope {"error": {code, message}}
// with the security headers.
import { startListeningApp, type ListeningApp } from './helpers/listeningApp.ts';
import { RawConnection, type RawResponse } from './helpers/rawHttp.ts';

let server: ListeningApp;

beforeAll(async () => {
  server = await startListeningApp();
});

afterAll(async () => {
  await server.stop();
});

async function get(path: string): Promise<RawResponse> {
  const connection = await RawConnection.open(server.port);
  connection.write(`GET ${path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
  const response = await connection.response();
  connection.end();
  return response;
}

function expectEnvelope(response: RawResponse, status: number, code: string, message: RegExp = /./): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.stringMatching(message) } });
}

it.each([
  ['/v1/services/%', 'invalid_service', /percent-encoding/],
  ['/v1/services/%E0%A4%A', 'invalid_service', /percent-encoding/],
  [`/v1/services/${'a'.repeat(250)}.com`, 'invalid_service', /not a service id/],
  [`/v1/services/${'a'.repeat(5000)}`, 'invalid_service', /not a service id/],
  ['/v1/services/not_valid!', 'invalid_service', /not a service id/],
  ['/v1/services/x?hours=abc', 'invalid_request', /querystring.hours must be integer/],
  ['/v1/services/x?hours=1&hours=2', 'invalid_request', /querystring.hours/],
  ['/v1/services/x?hours=', 'invalid_request', /querystring.hours/],
  ['/v1/services/x?hours=%zz', 'invalid_request', /querystring.hours/],
  ['/v1/services/x?days=1', 'invalid_request', /unknown field "days"/],
])('answers GET %s with 400 %s', async (path, code, message) => {
  expectEnvelope(await get(path), 400, code, message);
});

it('serves a domain of the full 253 characters', async () => {
  const label = 'a'.repeat(61);
  const domain = `${label}.${label}.${label}.${label}.example.com`.slice(-253);
  expect(domain.length).toBe(253);
  const response = await get(`/v1/services/${domain}`);
  expect(response.status).toBe(200);
});

it.each(['/nowhere', '/v1/statu', '/v1/status/', '/v1/services/', '/v1/services/x/y', '/V1/STATUS'])('answers GET %s with 404', async (path) => {
  expectEnvelope(await get(path), 404, 'not_found');
});

it('answers a URL Fastify cannot decode with 400', async () => {
  expectEnvelope(await get('/nowhere/%'), 400, 'invalid_request', /URL/);
});

it.each([
  ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400, 'bad_request'],
  ['a header without a colon', 'GET /v1/status HTTP/1.1\r\nHost t\r\n\r\n', 400, 'bad_request'],
  ['headers over 16 KiB', `GET /v1/status HTTP/1.1\r\nHost: t\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
])('answers %s in the envelope and closes the connection', async (_name, bytes, status, code) => {
  const connection = await RawConnection.open(server.port);
  connection.write(bytes);
  expectEnvelope(await connection.response(), status, code);
  await connection.closed;
});
