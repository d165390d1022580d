#!/usr/bin/env node
// The popup during `npm run demo` (the seed scenario's X outage), for the
// README: starts the demo server on the e2e backend port, loads the extension
// built for it in Chromium, opens the fake x.com and photographs the popup.
//
//   node test/e2e/demo-screenshot.mjs   → test/e2e/screenshots/popup-demo-outage.png
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { globalSetup } = await import('./lib/runner.mjs');
const { PORTS } = await import('./lib/context.mjs');
const { launchExtension } = await import('./lib/browser.mjs');
const { hostResolverRules } = await import('./lib/hosts.mjs');
const { waitFor, withTimeout } = await import('./lib/wait.mjs');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const global = await globalSetup();
if (global.buildError) throw global.buildError;
const demo = spawn(process.execPath, ['--import', 'tsx', 'server/sim/demo.ts'], {
  cwd: ROOT, env: { ...process.env, PORT: String(PORTS.backend), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
demo.stdout.on('data', (c) => { output += c; process.stdout.write(c); });
const exited = new Promise((resolve) => demo.once('exit', resolve));
let browser;
try {
  await waitFor('the demo server to listen', () => output.includes('Demo server listening'), { timeout: 120_000, interval: 250 });
  const profileDir = join(global.workDir, 'demo-profile');
  mkdirSync(profileDir, { recursive: true });
  browser = await launchExtension({ extDir: global.extDir, profileDir, hostRules: hostResolverRules(`127.0.0.1:${PORTS.fakeSites}`) });
  await browser.answerConsent('Not now');
  const { tabId } = await browser.openTab('https://x.com/home');
  const popup = await browser.openPopup(tabId);
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.locator('.verdict[data-level="outage"]').waitFor({ timeout: 20_000 });
  await popup.locator('main[aria-busy="false"] svg[role="img"]').waitFor();
  // Photographed at the popup's own size: its content, at most Chrome's 600 px.
  const height = await popup.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
  await popup.setViewportSize({ width: 360, height: Math.min(height, 600) });
  mkdirSync(OUT, { recursive: true });
  await popup.screenshot({ path: join(OUT, 'popup-demo-outage.png') });
  console.log(`saved ${join(OUT, 'popup-demo-outage.png')}`);
} finally {
  await browser?.close();
  demo.kill('SIGINT');
  await withTimeout('the demo to stop', exited, 15_000).catch(() => demo.kill('SIGKILL'));
  await global.close();
}
