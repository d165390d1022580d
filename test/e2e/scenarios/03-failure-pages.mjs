// docs/detection.md: every catalog service's own failure UI — its error banner and,
// where it has one, its failed feed (the fixture pages of those names) — is
// detected with the right signal under the right service id, and (automatic
// reports on) reported. The services come from the catalog: a new one is
// covered here through its fixtures alone.
import { CATALOG } from '../../../src/core/catalog.ts';
import { fixturePath } from '../lib/fake-sites.mjs';
import { waitForCounted } from '../lib/expect.mjs';
import { webAppUrl } from '../lib/hosts.mjs';

/** The failure pages opened, in rounds (the fake site shows one state per service at a time). */
export const FAILURE_STATES = ['banner', 'feed_stalled'];

/** service → its failure states that have a fixture page; the first one's signal is in its report. */
export const FAILURES = CATALOG.map(({ id }) => ({ service: id, states: FAILURE_STATES.filter((state) => fixturePath(id, state)) }));

/**
 * No time bound in this scenario (scenario 2 holds the 5-second one): allow for
 * a threshold that wants a page signal seen twice — the content script repeats
 * a signal still on screen after 30 s, when the page changes.
 */
const REPORT_TIMEOUT_MS = 35_000;

export default {
  id: 3,
  name: 'every catalog service’s error banner and failed feed → right signal and service, reported',
  timeout: 120_000,
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    await ext.grantOptionalServices();
    const problems = [];
    // Each round fails every service at once (as in a wide outage); the checks then run in parallel.
    for (const state of FAILURE_STATES) {
      const round = FAILURES.filter((f) => f.states.includes(state));
      for (const f of round) {
        ctx.sites.setState(f.service, state);
        await ext.openTab(webAppUrl(f.service));
      }
      await Promise.all(round.map(async (f) => {
        try {
          const entry = await ext.waitForSignal(f.service, state);
          ctx.log(`${f.service}: ${state} detected by rule ${entry.detail}`);
        } catch (error) {
          problems.push(`${f.service} ${state} page: ${error.message}`);
        }
      }));
    }
    await Promise.all(FAILURES.map(async (f) => {
      try {
        const report = await waitForCounted(ctx, { service: f.service, source: 'auto', signal: f.states[0] }, REPORT_TIMEOUT_MS);
        ctx.log(`${f.service}: counted with signals [${report.signals}] problem ${report.problem}`);
      } catch (error) {
        problems.push(`${f.service} report: ${error.message}`);
      }
    }));
    if (problems.length) throw new Error(`${problems.length} failed:\n- ${problems.join('\n- ')}`);
  },
};
