// Runs the scenarios one after another (the machine has 2 shared cores; the
// suite stays deterministic by never racing browsers against each other).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_PATH, chromiumAvailable } from './browser.mjs';
import { checkReportsArePrivate } from './expect.mjs';
import { makeTestCert } from './certs.mjs';
import { PORTS, scenarioContext } from './context.mjs';
import { startFakeSites } from './fake-sites.mjs';
import { fakeDomains } from './hosts.mjs';
import { FIREFOX_PATH, firefoxAvailable } from './firefox.mjs';
import { withTimeout } from './wait.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));
const CI = process.env.CI === 'true';

/** Builds both extension flavours for the harness's backend into `dir` (never touching dist/). */
export function buildExtension(dir) {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const env = { ...process.env, DOWNWATCH_BACKEND_URL: `http://127.0.0.1:${PORTS.backend}` };
  const out = {};
  for (const [flavour, mode] of [['chrome', 'production'], ['firefox', 'firefox']]) {
    out[flavour] = join(dir, `ext-${flavour}`);
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--outDir', out[flavour], '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  return out;
}

export async function loadScenarios(filter) {
  const files = readdirSync(SCENARIOS).filter((f) => /^\d+-.*\.mjs$/.test(f)).sort();
  const list = [];
  for (const file of files) {
    const scenario = (await import(pathToFileURL(join(SCENARIOS, file)).href)).default;
    if (filter.length === 0 || filter.includes(String(scenario.id))) list.push(scenario);
  }
  return list;
}

/** Sets up what every scenario shares; the caller must `close()` it. */
export async function globalSetup() {
  const workDir = mkdtempSync(join(tmpdir(), 'downwatch-e2e-'));
  const artifactsDir = join(ROOT, 'artifacts', 'e2e');
  // Evidence of an earlier run must not be mistaken for this one's.
  for (const sub of ['failures', 'logs']) rmSync(join(artifactsDir, sub), { recursive: true, force: true });
  for (const sub of ['', 'failures', 'logs']) mkdirSync(join(artifactsDir, sub), { recursive: true });
  const cert = makeTestCert(workDir, fakeDomains());
  let builds;
  let buildError;
  try {
    // E2E_EXT_DIR / E2E_FIREFOX_EXT_DIR: test prebuilt extensions (built for PORTS.backend) instead.
    builds = process.env.E2E_EXT_DIR
      ? { chrome: process.env.E2E_EXT_DIR, firefox: process.env.E2E_FIREFOX_EXT_DIR ?? process.env.E2E_EXT_DIR }
      : buildExtension(workDir);
  } catch (error) {
    buildError = new Error(`the extension build failed (vite build --outDir …): ${String(error.stderr ?? error.message).slice(0, 2000)}`);
  }
  const sites = await startFakeSites({ port: PORTS.fakeSites, key: cert.key, cert: cert.cert });
  return {
    workDir, artifactsDir, cert, sites, buildError,
    extDir: builds?.chrome, firefoxExtDir: builds?.firefox,
    async close() {
      await sites.close();
      if (!process.env.E2E_KEEP) rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function missingBrowser(scenario) {
  const needs = scenario.needs ?? ['chromium'];
  if (needs.includes('chromium') && !chromiumAvailable()) return `Chromium (${CHROMIUM_PATH}; apt-get install chromium)`;
  if (needs.includes('firefox') && !firefoxAvailable()) return `Firefox ESR (${FIREFOX_PATH}; apt-get install firefox-esr)`;
  return undefined;
}

export async function runScenario(global, scenario) {
  const ctx = scenarioContext(global, scenario);
  const started = Date.now();
  try {
    if (global.buildError) throw global.buildError;
    if (scenario.backend !== false) await ctx.backend.start();
    await withTimeout(`scenario ${scenario.id}`, scenario.run(ctx), scenario.timeout ?? 60_000);
    checkReportsArePrivate(ctx);
    return { ok: true, ms: Date.now() - started, ctx };
  } catch (error) {
    await ctx.saveFailureEvidence();
    return { ok: false, ms: Date.now() - started, error, ctx };
  } finally {
    await ctx.cleanup();
  }
}

export async function main(argv) {
  const wallStart = Date.now();
  const filter = argv.filter((a) => /^\d+$/.test(a));
  const scenarios = await loadScenarios(filter);
  let global;
  try {
    global = await globalSetup();
  } catch (error) {
    // e.g. a fake-site port held by a leftover process: every scenario fails, and says why.
    console.log(`✖ the e2e harness could not start: ${error.message}`);
    console.log(`0 passed, ${scenarios.length} failed`);
    return 1;
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    for (const scenario of scenarios) {
      const title = `${scenario.id}. ${scenario.name}`;
      const missing = missingBrowser(scenario);
      if (missing && !CI) {
        skipped++;
        console.log(`- SKIP ${title}\n    ${missing} is not installed (under CI=true this fails)`);
        continue;
      }
      if (missing) {
        failed++;
        console.log(`✖ FAIL ${title}\n    ${missing} is not installed and CI=true forbids skipping`);
        continue;
      }
      const result = await runScenario(global, scenario);
      if (result.ok) {
        passed++;
        console.log(`✔ PASS ${title} (${(result.ms / 1000).toFixed(1)} s)`);
      } else {
        failed++;
        console.log(`✖ FAIL ${title} (${(result.ms / 1000).toFixed(1)} s)\n    ${String(result.error?.stack ?? result.error).split('\n').slice(0, 6).join('\n    ')}`);
        console.log(`    log: artifacts/e2e/logs/scenario-${scenario.id}.log`);
      }
    }
  } finally {
    await global.close();
  }
  if (skipped) console.log(`${skipped} skipped`);
  console.log(`wall time ${((Date.now() - wallStart) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
