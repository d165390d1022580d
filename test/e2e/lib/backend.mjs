// The real report service (`server/main.ts`, embedded SQLite in a temp file),
// started and stopped by the harness, behind a pass-through recorder on the
// port the extension was built for. The recorder only copies bytes both ways
// and notes every `POST /v1/reports` with the server's answer, so a test can
// see exactly which reports the extension sent (source, signals) and when the
// server said `counted`, without knowing the server's table layout.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { waitFor, withTimeout } from './wait.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** E2E_SERVER_ROOT: run the server from another checkout (to try a change against this suite). */
const SERVER_ROOT = process.env.E2E_SERVER_ROOT ?? ROOT;

export function createBackend({ publicPort, serverPort, dbFile, log }) {
  let child = null;
  let proxy = null;
  const proxySockets = new Set();
  /** Every POST /v1/reports seen: { at, reports, status, results } (results in request order). */
  const posts = [];
  let output = '';
  /** Extra environment for the server (e.g. RULES_PACK_FILE), set by restartServer. */
  let extraEnv = {};
  /** When set, the recorder answers GET /v1/rules with this text itself: a compromised server. */
  let rulesOverride = null;

  async function startServer() {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: SERVER_ROOT,
      env: {
        ...process.env, PORT: String(serverPort), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${dbFile}`,
        LOG_LEVEL: 'warn', STATS_REFRESH_MS: '200',
        // Seeding counts for the popup test sends a few hundred reports from one IP.
        RATE_LIMIT_IP: '0',
        // seed() names a network per report through this loopback hop (docs/privacy-and-trust.md).
        TRUST_PROXY: '127.0.0.1',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.exited = exited;
    const listening = new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += chunk;
        if (/listening on/i.test(output)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk) => { output += chunk; });
      exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.slice(-2000)}`)));
    });
    await withTimeout('the server to print "listening on"', listening, 30_000);
  }

  async function startProxy() {
    proxy = http.createServer((req, res) => {
      if (rulesOverride !== null && req.method === 'GET' && req.url?.split('?')[0] === '/v1/rules') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(rulesOverride);
        return;
      }
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const upstream = http.request(
          { host: '127.0.0.1', port: serverPort, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            const out = [];
            up.on('data', (c) => out.push(c));
            up.on('end', () => {
              const answer = Buffer.concat(out);
              if (req.method === 'POST' && req.url?.startsWith('/v1/reports')) record(body, up.statusCode, answer);
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(answer);
            });
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
    proxy.on('connection', (s) => {
      proxySockets.add(s);
      s.on('close', () => proxySockets.delete(s));
    });
    await new Promise((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(publicPort, '127.0.0.1', resolve);
    });
  }

  function record(body, status, answer) {
    let reports = [];
    let results = [];
    try { reports = JSON.parse(body.toString()).reports ?? []; } catch { /* malformed: kept as empty */ }
    try { results = JSON.parse(answer.toString()).results ?? []; } catch { /* error body */ }
    posts.push({ at: Date.now(), status, reports, results });
    log?.(`backend: POST /v1/reports ${status} ${reports.map((r, i) => `${r.service}/${r.source}/${(r.signals ?? []).join('+')}→${results[i]?.status ?? '?'}`).join(', ')}`);
  }

  async function stopServer() {
    if (!child) return;
    const c = child;
    child = null;
    c.kill('SIGTERM');
    await withTimeout('the server to exit on SIGTERM', c.exited, 10_000).catch(() => c.kill('SIGKILL'));
  }

  async function stopProxy() {
    if (!proxy) return;
    const p = proxy;
    proxy = null;
    for (const s of proxySockets) s.destroy();
    await new Promise((resolve) => p.close(resolve));
  }

  const api = async (path, init) => {
    const res = await fetch(`http://127.0.0.1:${serverPort}${path}`, init);
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text, headers: res.headers };
  };

  return {
    url: `http://127.0.0.1:${publicPort}`,
    posts,
    get output() { return output; },
    async start() {
      await startServer();
      await startProxy();
    },
    /** Answers GET /v1/rules with `text` instead of the server (null: the server answers again). */
    serveRules(text) {
      rulesOverride = text;
    },
    /** Restarts the server alone (the recorder in front stays) with extra environment variables. */
    async restartServer(env = {}) {
      await stopServer();
      extraEnv = env;
      await startServer();
    },
    /** Backend unreachable: connections to its public port are refused. */
    async stop() {
      await stopProxy();
      await stopServer();
    },
    api,
    /** Every report the server answered `counted`, with the fields the extension sent. */
    counted() {
      return posts.flatMap((p) => p.reports.map((r, i) => ({ ...r, status: p.results[i]?.status, at: p.at })))
        .filter((r) => r.status === 'counted');
    },
    /** Every report the extension sent, whatever the answer. */
    sent() {
      return posts.flatMap((p) => p.reports.map((r, i) => ({ ...r, status: p.results[i]?.status ?? `http ${p.status}`, at: p.at })));
    },
    /** The server's own 15-minute count for a service (through its API, after its stats refresh). */
    async serviceCount(service) {
      const { status, json } = await api(`/v1/services/${encodeURIComponent(service)}?hours=1`);
      if (status !== 200) throw new Error(`GET /v1/services/${service} answered ${status}`);
      return json.count;
    },
    /** Waits until the server's API says `service` has exactly `n` reports in the last 15 minutes. */
    async waitForCount(service, n, timeout = 10_000) {
      let last;
      await waitFor(`the server to count ${n} report(s) for ${service} (last seen ${last})`, async () => {
        last = await this.serviceCount(service);
        return last === n;
      }, { timeout, interval: 150 });
    },
    /**
     * Reports sent straight to the server (not through the extension), e.g. to seed counts: each from a
     * network of its own (X-Forwarded-For through the trusted loopback hop), as a crowd's would be.
     */
    async seed(reports) {
      const results = [];
      for (const [i, report] of reports.entries()) {
        const { status, json } = await api('/v1/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify({ reports: [report] }),
        });
        if (status !== 200) throw new Error(`seeding reports answered ${status}: ${JSON.stringify(json)}`);
        results.push(...json.results);
      }
      return results;
    },
  };
}
