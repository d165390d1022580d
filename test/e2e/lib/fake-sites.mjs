// The fake sites: one port that answers plain HTTP and TLS (it peeks at the
// first byte: 0x16 starts a TLS handshake), routed by the Host header to the
// service's current state page. Pages come from the content engineer's fixtures
// (test/fixtures/sites/<service>/<state>.html); the network states and X's
// account menu are made here on top of the normal page.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { catalogIdForHost, catalogIdForRequestHost } from '../../../src/core/serviceId.ts';
import { OTHER_SITE, apiHost, deadHost } from './hosts.mjs';

const FIXTURES = fileURLToPath(new URL('../../fixtures/sites/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
/** A state `corpus:<file>` serves that page of the detection corpus (test/fixtures/corpus/<service>/<file>). */
const CORPUS_STATE = 'corpus:';

/** States made by the harness on top of a service's normal page (network failures, X's account menu). */
const NETWORK_STATES = {
  // The real X renders this menu into #layers when the account switcher is
  // clicked; the fixture's normal page has no log-out control of its own.
  account_menu: () => '<div id="e2e-account-menu" role="menu" style="position:fixed;top:60px;left:10px;background:#fff;z-index:10">'
    + '<a href="/logout" role="menuitem" data-testid="AccountSwitcher_Logout_Button"><span>Log out @downwatch_e2e</span></a></div>',
  api_5xx: (service) => apiRequests(`https://${apiHost(service)}/e2e-api/timeline`),
  api_dead: (service) => apiRequests(`https://${deadHost(service)}/e2e-api/timeline`),
  // The web app retrying an unresolvable API host, each attempt further apart
  // than the background's duplicate window: a failure that lasts.
  api_dead_retrying: (service) => retryingRequests([`https://${deadHost(service)}/e2e-api/timeline`]),
  // An error box no bundled rule knows: only a rule from a fetched (signed) pack matches it.
  signed_rule_banner: () => `<div data-testid="error-detail" role="alert"><span>${SIGNED_RULE_TEXT}</span></div>`,
};

/** The text of the `signed_rule_banner` state (scenario 14 signs a pack with a rule for it). */
export const SIGNED_RULE_TEXT = 'Downwatch end-to-end: a failure only the signed pack knows';

/**
 * A script that requests `urls` (as a fetch, an image and an iframe) in
 * RETRY_ROUNDS rounds RETRY_GAP_MS apart, then sets the title to
 * REQUESTS_SETTLED_TITLE once every request of the last round has settled.
 */
export const REQUESTS_SETTLED_TITLE = 'e2e: requests settled';
const RETRY_ROUNDS = 5;
const RETRY_GAP_MS = 2_300;
function retryingRequests(urls) {
  return `<script>(async () => {
  const urls = ${JSON.stringify(urls)};
  const settle = (el) => new Promise((done) => { el.onload = done; el.onerror = done; });
  for (let round = 0; round < ${RETRY_ROUNDS}; round++) {
    if (round) await new Promise((r) => setTimeout(r, ${RETRY_GAP_MS}));
    const pending = [];
    for (const url of urls) {
      const tagged = url + (url.includes('?') ? '&' : '?') + 'round=' + round;
      pending.push(fetch(tagged, { mode: 'no-cors', cache: 'no-store' }).catch(() => {}));
      const img = new Image();
      pending.push(settle(img));
      img.src = tagged + '&as=img';
      const frame = document.createElement('iframe');
      pending.push(settle(frame));
      frame.src = tagged + '&as=frame';
      document.body.append(frame);
    }
    await Promise.all(pending);
  }
  document.title = ${JSON.stringify(REQUESTS_SETTLED_TITLE)};
})();</script>`;
}

/**
 * A page of OTHER_SITE that embeds a service's resources from a dead host and
 * from an API host (which answers 5xx in the service's `api_5xx` state):
 * docs/privacy-and-trust.md, a page of another site cannot speak for the service.
 */
function embeddingPage(service) {
  const urls = [`https://${deadHost(service)}/e2e-api/embed`, `https://${apiHost(service)}/e2e-api/embed`];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example News</title></head>
<body><header><h1>Example News</h1></header><main><article><h2>What people are posting</h2></article></main>
${retryingRequests(urls)}</body></html>`;
}

/** A few XHR-like requests to the API host, as a real web app makes while it loads. */
function apiRequests(url) {
  return `<script>for (let i = 0; i < 6; i++) fetch('${url}?n=' + i + '&t=' + Date.now(), { mode: 'no-cors', cache: 'no-store' }).catch(() => {});</script>`;
}

export function fixturePath(service, state) {
  const file = state.startsWith(CORPUS_STATE)
    ? `${CORPUS}${service}/${state.slice(CORPUS_STATE.length).replace(/[/\\]/g, '')}`
    : `${FIXTURES}${service}/${state}.html`;
  return existsSync(file) ? file : undefined;
}

function pageFor(service, state) {
  const network = NETWORK_STATES[state];
  const file = fixturePath(service, network ? 'normal' : state);
  if (!file) throw new Error(`no fixture page for ${service}/${network ? 'normal' : state}`);
  const html = readFileSync(file, 'utf8');
  if (!network) return html;
  const script = network(service);
  return html.includes('</body>') ? html.replace('</body>', `${script}</body>`) : html + script;
}

const NEWS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example News</title></head>
<body><header><h1>Example News</h1></header><main><article><h2>Local council approves new cycle lanes</h2>
<p>The plan adds twelve kilometres of protected lanes by next spring.</p></article></main></body></html>`;

export async function startFakeSites({ port, key, cert }) {
  const states = new Map();
  const hits = [];

  const handle = (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = (req.url ?? '/').split('?')[0];
    const send = (status, type, body) => {
      hits.push({ at: Date.now(), host, path, status });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(body);
    };
    if (path === '/favicon.ico') return send(204, 'text/plain', '');
    const embeds = /^\/embeds\/([a-z0-9-]+)$/.exec(path);
    if (host === OTHER_SITE && embeds) return send(200, 'text/html; charset=utf-8', embeddingPage(embeds[1]));
    if (host === OTHER_SITE) return send(200, 'text/html; charset=utf-8', NEWS_PAGE);
    const requestService = catalogIdForRequestHost(host);
    if (path.startsWith('/e2e-api/')) {
      const failing = requestService && states.get(requestService) === 'api_5xx';
      return send(failing ? 503 : 200, 'application/json', failing ? '{"errors":[{"message":"Over capacity"}]}' : '{"data":{}}');
    }
    const pageService = catalogIdForHost(host);
    if (!pageService) return send(404, 'text/plain', 'not a fake site');
    try {
      return send(200, 'text/html; charset=utf-8', pageFor(pageService, states.get(pageService) ?? 'normal'));
    } catch (error) {
      return send(500, 'text/plain', String(error.message));
    }
  };

  // TLS sockets are handed to an internal HTTPS listener through a pipe: a
  // TLSSocket wraps the raw handle and would lose the byte already peeked at.
  const plain = http.createServer(handle);
  const secure = https.createServer({ key, cert, ALPNProtocols: ['http/1.1'] }, handle);
  await new Promise((resolve) => secure.listen(0, '127.0.0.1', resolve));
  const securePort = secure.address().port;
  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const front = net.createServer((socket) => {
    track(socket);
    socket.once('data', (first) => {
      if (first[0] !== 0x16) {
        socket.pause();
        socket.unshift(first);
        plain.emit('connection', socket);
        socket.resume();
        return;
      }
      const inner = net.connect(securePort, '127.0.0.1');
      track(inner);
      inner.write(first);
      socket.pipe(inner).pipe(socket);
      inner.on('close', () => socket.destroy());
      socket.on('close', () => inner.destroy());
    });
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', resolve);
  });

  return {
    port,
    hits,
    /** Switches what `service`'s pages show from now on (normal, banner, feed_stalled, login_wall, api_5xx, api_dead…). */
    setState(service, state) {
      if (!NETWORK_STATES[state] && !fixturePath(service, state)) throw new Error(`no fixture page for ${service}/${state}`);
      states.set(service, state);
    },
    reset() {
      states.clear();
      hits.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => front.close(resolve));
      secure.closeAllConnections?.();
      await new Promise((resolve) => secure.close(resolve));
    },
  };
}
