// Firefox ESR with the Firefox build, through `web-ext run` (headless, its own
// profile), every host name resolved to 127.0.0.1 by the pref
// network.dns.forceResolve, and Marionette on for the test's clicks
// (its acceptInsecureCerts accepts the fake sites' self-signed certificate).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectMarionette } from './marionette.mjs';
import { withTimeout } from './wait.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const firefoxAvailable = () => existsSync(FIREFOX_PATH);
const WEB_EXT = fileURLToPath(new URL('../../../node_modules/web-ext/bin/web-ext.js', import.meta.url));

export async function runFirefox({ extDir, profileDir, marionettePort, prefs = {}, log = () => {} }) {
  mkdirSync(profileDir, { recursive: true });
  const args = [
    WEB_EXT, 'run', '--target', 'firefox-desktop', '--firefox', FIREFOX_PATH,
    '--source-dir', extDir, '--firefox-profile', profileDir, '--profile-create-if-missing', '--keep-profile-changes',
    '--no-reload', '--no-input', '--start-url', 'about:blank',
    '--pref', 'network.dns.forceResolve=127.0.0.1',
    '--pref', `marionette.port=${marionettePort}`,
    '--pref', 'datareporting.policy.dataSubmissionEnabled=false',
    '--pref', 'browser.shell.checkDefaultBrowser=false',
    ...Object.entries(prefs).map(([name, value]) => `--pref=${name}=${value}`),
    '--arg=--headless', '--arg=--marionette',
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, MOZ_HEADLESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const installed = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Installed .* as a temporary add-on/i.test(output)) { clearInterval(timer); resolve(); }
    }, 100);
    exited.then((code) => { clearInterval(timer); reject(new Error(`web-ext exited (${code}) before installing:\n${output.slice(-2000)}`)); });
  });
  const stop = async () => {
    try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ }
    await withTimeout('web-ext to exit on SIGINT', exited, 10_000).catch(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    });
  };
  try {
    await withTimeout('web-ext to install the add-on in Firefox', installed, 60_000);
    log('firefox: add-on installed by web-ext');
    const marionette = await connectMarionette(marionettePort);
    // Marionette takes the capabilities flattened (geckodriver's merged form).
    await marionette.send('WebDriver:NewSession', { acceptInsecureCerts: true });
    let stopped = false;
    return {
      marionette,
      get output() { return output; },
      async stop() {
        if (stopped) return;
        stopped = true;
        marionette.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const firefoxProfile = (dir) => join(dir, 'firefox-profile');
