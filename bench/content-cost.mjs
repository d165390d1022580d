#!/usr/bin/env node
// `npm run bench:content`: what the content script costs a busy page. Real
// Chromium (playwright-core) opens a busy fake X timeline (bench/content/
// busyTimeline.mjs) at https://x.com/home, once without the extension and once
// with the built extension, in alternating order, ROUNDS times; each visit
// measures the page's main thread over WINDOW_MS with CDP
// Performance.getMetrics (TaskDuration, ScriptDuration deltas) after a
// warm-up. Prints every visit, the medians and the with/without ratios.
//
//   npm run bench:content [-- --rounds 3 --window-ms 8000] [-- --ext-dir DIR]
// --ext-dir measures an extension built elsewhere (another commit's `vite build`).
// Port: BENCH_PORT, else E2E_PORT_BASE + 60 (default 18460).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { makeTestCert } from '../test/e2e/lib/certs.mjs';
import { busyTimelineHtml } from './content/busyTimeline.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const ROUNDS = arg('rounds', 3);
const WINDOW_MS = arg('window-ms', 8_000);
const WARMUP_MS = 2_500;
const PORT = Number(process.env.BENCH_PORT ?? Number(process.env.E2E_PORT_BASE ?? 18400) + 60);

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function buildExtension(dir) {
  const out = join(dir, 'ext');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out;
}

async function serve(dir) {
  const { key, cert } = makeTestCert(dir, ['x.com']);
  const html = busyTimelineHtml();
  const server = https.createServer({ key, cert }, (req, res) => {
    if ((req.url ?? '').startsWith('/favicon')) return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(PORT, '127.0.0.1', resolve));
  return server;
}

async function visit(dir, extDir, n) {
  const profile = join(dir, `profile-${n}`);
  mkdirSync(profile);
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--host-resolver-rules=MAP x.com 127.0.0.1:${PORT}`];
  if (extDir) args.push(`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, ignoreHTTPSErrors: true, viewport: { width: 1000, height: 800 }, args,
  });
  try {
    let extensionId = null;
    if (extDir) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
    }
    // The extension opens its first-run page on install; the measured page must be the foreground tab,
    // as a background tab is throttled and would look cheaper.
    if (extDir) {
      const isWelcome = (p) => p.url().includes('/welcome');
      const deadline = Date.now() + 15_000;
      while (!context.pages().some(isWelcome) && Date.now() < deadline) await sleep(100);
      if (!context.pages().some(isWelcome)) throw new Error('the extension did not open its first-run page');
    }
    for (const open of context.pages()) await open.close();
    const page = await context.newPage();
    await page.bringToFront();
    const cdp = await context.newCDPSession(page);
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c.origin));
    await cdp.send('Runtime.enable');
    await page.goto('https://x.com/home', { waitUntil: 'load' });
    await sleep(WARMUP_MS);
    await page.bringToFront();
    // The extension's content script runs in its own world of the page: proof it is there to be measured.
    const contentScript = worlds.some((origin) => extensionId && origin.includes(extensionId));
    if (extDir && !contentScript) throw new Error('the content script did not start on the page');
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    await sleep(WINDOW_MS);
    const after = await metrics();
    if (process.env.BENCH_PROFILE && extDir) await cpuProfile(cdp);
    if (await page.evaluate(() => document.visibilityState) !== 'visible') throw new Error('the measured page was not the visible tab');
    if (context.pages().length !== 1) throw new Error('another tab opened while measuring');
    const cells = await page.locator('[data-testid="cellInnerDiv"]').count();
    if (cells < 40) throw new Error(`the timeline is not running (${cells} cells)`);
    return { task: (after.TaskDuration - before.TaskDuration) * 1000, script: (after.ScriptDuration - before.ScriptDuration) * 1000 };
  } finally {
    await context.close().catch(() => {});
  }
}

/** Diagnostic (BENCH_PROFILE=1): 4 s of CPU profile of the page, self time summed per script and function. */
async function cpuProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await sleep(4_000);
  const { profile: p } = await cdp.send('Profiler.stop');
  const dt = new Map();
  p.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFn = new Map();
  for (const node of p.nodes) {
    const f = node.callFrame;
    const key = `${f.url.replace(/^chrome-extension:\/\/[a-z]+/, 'ext')}:${f.functionName || '(anon)'}:${f.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (dt.get(node.id) ?? 0));
  }
  for (const [key, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
}

const dir = mkdtempSync(join(tmpdir(), 'downwatch-bench-content-'));
let server;
try {
  const i = process.argv.indexOf('--ext-dir');
  const extDir = i >= 0 ? process.argv[i + 1] : buildExtension(dir);
  server = await serve(dir);
  const runs = { without: [], with: [] };
  let n = 0;
  console.log(`busy X timeline, ${WINDOW_MS} ms per visit after ${WARMUP_MS} ms warm-up, ${ROUNDS} alternating rounds`);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ['with', 'without'] : ['without', 'with'];
    for (const kind of order) {
      const m = await visit(dir, kind === 'with' ? extDir : null, n++);
      runs[kind].push(m);
      console.log(`round ${round + 1} ${kind.padEnd(7)} TaskDuration ${m.task.toFixed(1)} ms  ScriptDuration ${m.script.toFixed(1)} ms`);
    }
  }
  const med = (kind, key) => median(runs[kind].map((m) => m[key]));
  const task = { without: med('without', 'task'), with: med('with', 'task') };
  const script = { without: med('without', 'script'), with: med('with', 'script') };
  const pct = (a, b) => `${((a / b - 1) * 100).toFixed(1)} %`;
  console.log(`median TaskDuration:   without ${task.without.toFixed(1)} ms, with ${task.with.toFixed(1)} ms, ratio ${(task.with / task.without).toFixed(3)} (${pct(task.with, task.without)})`);
  console.log(`median ScriptDuration: without ${script.without.toFixed(1)} ms, with ${script.with.toFixed(1)} ms, ratio ${(script.with / script.without).toFixed(3)} (${pct(script.with, script.without)})`);
} finally {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
}
