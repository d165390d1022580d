// Popup timing in real Chromium (issue 3 budget: figures visible within 150 ms
// of opening when the status is cached). Not a unit test: run it by hand,
//   node test/extension/uiPopupTiming.mjs [runs]
// It builds the extension into a temporary folder, starts a real server on
// port E2E_PORT_BASE + 10 (18310 by default), opens a fake x.com tab, seeds reports, then opens the popup
// `runs` times and prints, per open, the DOMContentLoaded time of the page
// itself (the baseline: what any extension page costs), when the cached
// figures were in the DOM, and when the fresh server answer replaced them.
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const RUNS = Number(process.argv[2] ?? 15);
// E2E_PORT_BASE moves both ports, so runs in two checkouts do not collide.
const SERVER_PORT = Number(process.env.E2E_PORT_BASE ?? 18300) + 10;
const SITE_PORT = SERVER_PORT + 1;
const work = mkdtempSync(join(tmpdir(), 'dw-popup-timing-'));
const dist = join(work, 'dist');
const backend = `http://127.0.0.1:${SERVER_PORT}`;

execFileSync('npx', ['vite', 'build', '--outDir', dist, '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, DOWNWATCH_BACKEND_URL: backend } });
const server = spawn('npx', ['tsx', 'server/main.ts'], { env: { ...process.env, PORT: String(SERVER_PORT), DATABASE_URL: `sqlite:${join(work, 'db.sqlite')}` }, stdio: 'ignore', detached: true });
const site = http.createServer((_, res) => res.end('<!doctype html><title>X</title><h1>Home</h1>'));
await new Promise((r) => site.listen(SITE_PORT, '127.0.0.1', r));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  for (let i = 0; ; i++) {
    if (i > 100) throw new Error('server did not start');
    if (await fetch(`${backend}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const now = Date.now();
  const reports = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), service: 'x', problem: 'feed', source: 'manual', signals: [], observedAt: now - i * 30_000, client: `timingClient${String(i).padStart(6, '0')}`, country: 'BD' }));
  await fetch(`${backend}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reports }) });

  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, `--host-resolver-rules=MAP x.com 127.0.0.1:${SITE_PORT}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const tab = await context.newPage();
  await tab.goto('http://x.com/home');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/src/popup/index.html`);
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: '*://x.com/*' }))[0]?.id);
  await popup.addInitScript(() => {
    new MutationObserver(() => {
      const w = /** @type {any} */ (window);
      if (w.__figuresAt === undefined && document.querySelector('[data-testid="count"]')) w.__figuresAt = performance.now();
      if (w.__freshAt === undefined && document.querySelector('main[aria-busy="false"]')) w.__freshAt = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const rows = [];
  for (let run = 0; run <= RUNS; run++) {
    await popup.goto(`chrome-extension://${id}/src/popup/index.html?tabId=${tabId}`);
    await popup.waitForSelector('main[aria-busy="false"] [data-testid="count"]');
    const row = await popup.evaluate(() => ({
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      figures: /** @type {any} */ (window).__figuresAt,
      fresh: /** @type {any} */ (window).__freshAt,
    }));
    if (run > 0) rows.push(row); // the first open warms the status cache
  }
  await context.close();
  const dcl = median(rows.map((r) => r.dcl));
  const figures = median(rows.map((r) => r.figures));
  const fresh = median(rows.map((r) => r.fresh));
  console.log(`popup opens: ${rows.length} (after one warm-up)`);
  console.log(`median DOMContentLoaded (baseline page cost): ${dcl.toFixed(0)} ms`);
  console.log(`median cached figures in the DOM:             ${figures.toFixed(0)} ms  (${(figures / dcl).toFixed(2)}× baseline; budget 150 ms)`);
  console.log(`median fresh answer rendered:                 ${fresh.toFixed(0)} ms  (${(fresh / dcl).toFixed(2)}× baseline)`);
  console.log(`slowest cached figures:                       ${Math.max(...rows.map((r) => r.figures)).toFixed(0)} ms`);
} finally {
  site.close();
  try { process.kill(-server.pid, 'SIGTERM'); } catch {}
  rmSync(work, { recursive: true, force: true });
}
