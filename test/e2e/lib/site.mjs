// The public status site's scenarios (19, 20): the real server in demo mode
// (server/sim/demo.ts: four weeks of history and X's outage happening now),
// and a plain Chromium without the extension, as a visitor would use it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import FeedParser from 'feedparser';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './browser.mjs';
import { PORTS } from './context.mjs';
import { withTimeout } from './wait.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Starts the demo server for this scenario (stopped by the scenario's cleanup); resolves to its base URL. */
export async function startDemoSite(ctx) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sim/demo.ts'], {
    cwd: ROOT, env: { ...process.env, PORT: String(PORTS.site), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  ctx.onCleanup(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    ctx.log(`--- demo server output ---\n${output.slice(-3000)}`);
  });
  const listening = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (/listening on/i.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  await withTimeout('the demo server to listen', listening, 90_000);
  ctx.log('demo server listening');
  return `http://127.0.0.1:${PORTS.site}`;
}

/** A plain Chromium (no extension); `close()` is registered with the scenario. */
export async function launchVisitor(ctx) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  ctx.onCleanup(() => browser.close());
  return browser;
}

/** A page as a visitor with this window, colour scheme, language and scripts on or off would see it. */
export async function visit(browser, url, { width = 1280, scheme = 'light', lang = 'en', js = true } = {}) {
  const context = await browser.newContext({
    viewport: { width, height: 900 }, colorScheme: scheme, javaScriptEnabled: js, locale: lang === 'bn' ? 'bn-BD' : 'en-US',
    extraHTTPHeaders: { 'Accept-Language': lang === 'bn' ? 'bn-BD,bn;q=0.9' : 'en-US,en;q=0.9' },
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  // Every page has Bengali text (at least the language switch): its bundled face must be in before a screenshot.
  await page.evaluate(() => document.fonts.load('16px "Downwatch Bengali"', 'বাংলা').then(() => document.fonts.ready));
  return { page, context, errors };
}

/** axe-core's violations on the page ("id (impact): help — targets"); evaluated through CDP, which the page's CSP does not govern. */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(', ')}`);
}

/** Parses Atom with a feed reader's parser; rejects what it cannot read as a feed. */
export function parseFeed(xml) {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ resume_saxerror: false });
    const items = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      let item;
      while ((item = parser.read())) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** Parses XML strictly (any error or warning throws). */
export function parseXml(text) {
  return new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, 'image/svg+xml');
}
