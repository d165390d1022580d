// What one scenario gets: its own server (fresh SQLite file), its own browser
// profiles, the shared fake sites and extension builds, a log, and artifact
// paths. Everything it starts is stopped by `cleanup`, pass or fail.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from './backend.mjs';
import { launchExtension } from './browser.mjs';
import { hostResolverRules } from './hosts.mjs';

// E2E_PORT_BASE moves every port (default 18400), so two checkouts can run the suite side by side.
const BASE = Number(process.env.E2E_PORT_BASE ?? 18400);
if (!Number.isInteger(BASE) || BASE < 1024 || BASE > 65000) throw new Error(`E2E_PORT_BASE must be a port number, got ${process.env.E2E_PORT_BASE}`);

export const PORTS = {
  fakeSites: BASE + 1,
  /** The backend URL the extension is built with (the recorder in front of the server). */
  backend: BASE + 10,
  server: BASE + 11,
  /** Nothing listens here: hosts mapped to it are refused. */
  closed: BASE + 99,
  marionette: BASE + 21,
  /** The demo server the public status site's scenarios browse. */
  site: BASE + 31,
};

export function scenarioContext(global, scenario) {
  const lines = [];
  const browsers = [];
  const cleanups = [];
  const dir = mkdtempSync(join(global.workDir, `s${scenario.id}-`));
  const log = (line) => lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  const backend = createBackend({ publicPort: PORTS.backend, serverPort: PORTS.server, dbFile: join(dir, 'downwatch.db'), log });
  let profiles = 0;

  return {
    ...global,
    dir,
    log,
    lines,
    backend,
    profileDir: () => {
      const p = join(dir, `profile-${++profiles}`);
      mkdirSync(p, { recursive: true });
      return p;
    },
    /** Resolver rules sending the fake hosts to the fake sites, or (allFailing) to a closed port. */
    hostRules: ({ allFailing = false } = {}) =>
      hostResolverRules(`127.0.0.1:${allFailing ? PORTS.closed : PORTS.fakeSites}`),
    /** Launches Chromium with the extension; a fresh profile unless `profileDir` is given. */
    async launch({ profileDir, lang, allFailing } = {}) {
      const browser = await launchExtension({
        extDir: global.extDir,
        profileDir: profileDir ?? this.profileDir(),
        hostRules: this.hostRules({ allFailing }),
        lang,
        log,
      });
      browsers.push(browser);
      return browser;
    },
    artifact: (name) => join(global.artifactsDir, name),
    async saveFailureEvidence() {
      for (const [i, b] of browsers.entries()) {
        for (const [j, page] of b.context.pages().entries()) {
          await page.screenshot({ path: join(global.artifactsDir, 'failures', `scenario-${scenario.id}-b${i}-p${j}.png`), timeout: 3_000 }).catch(() => {});
        }
      }
    },
    /** Registers something to stop when the scenario ends, even if it timed out. */
    onCleanup: (fn) => cleanups.push(fn),
    async cleanup() {
      for (const fn of cleanups.reverse()) await fn().catch(() => {});
      for (const b of browsers) await b.close();
      await backend.stop();
      global.sites.reset();
      writeFileSync(join(global.artifactsDir, 'logs', `scenario-${scenario.id}.log`), `${lines.join('\n')}\n--- server output ---\n${backend.output}`);
    },
  };
}
