// A backend that answers with figures a scenario sets, in the wire format of
// docs/protocol.md (GET /v1/status, GET /v1/services/{id}, POST /v1/reports,
// GET /healthz). For popup states a fresh real server cannot be put in on
// demand (an incident hours old, a recovery, a server still learning); the
// scenarios that test the server's own figures use lib/backend.mjs.
import http from 'node:http';

/** `state` is { status: StatusResponse body, details: { [id]: ServiceDetail body } }, readable and replaceable. */
export async function startContractBackend({ port, state, log = () => {} }) {
  const sockets = new Set();
  const posts = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && url.pathname === '/healthz') return send(200, { ok: true });
      if (req.method === 'GET' && url.pathname === '/v1/status') return send(200, state.status);
      const detail = url.pathname.match(/^\/v1\/services\/([^/]+)$/);
      if (req.method === 'GET' && detail) {
        const body = state.details[decodeURIComponent(detail[1])];
        return body ? send(200, body) : send(404, { error: { code: 'not_found', message: 'no such service' } });
      }
      if (req.method === 'POST' && url.pathname === '/v1/reports') {
        const { reports = [] } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        posts.push(...reports);
        log(`contract backend: POST /v1/reports ${reports.map((r) => `${r.service}/${r.problem}`).join(', ')}`);
        return send(200, { results: reports.map((r) => ({ id: r.id, status: 'counted' })) });
      }
      return send(404, { error: { code: 'not_found', message: 'not served here' } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    posts,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
