// DESIGN §3: each first-wave service's own failure UI is detected with the
// right signal under the right service id, and (automatic reports on) reported.
import { waitForCounted } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';

/** service → the fixture state showing its failure, and the signal it must raise. */
export const FAILURES = [
  { service: 'instagram', state: 'feed_stalled', signal: 'feed_stalled', what: 'feed refresh failure ("Couldn\'t refresh feed")' },
  { service: 'facebook', state: 'banner', signal: 'banner', what: 'error page ("Sorry, something went wrong.")' },
  { service: 'whatsapp', state: 'banner', signal: 'banner', what: 'WhatsApp Web disconnected ("Computer not connected")' },
  { service: 'reddit', state: 'feed_stalled', signal: 'feed_stalled', what: 'posts not loading ("Sorry, we couldn\'t load posts for this page.")' },
  { service: 'youtube', state: 'banner', signal: 'banner', path: '/watch?v=e2e-player', what: 'player error ("An error occurred. Please try again later.")' },
];

/**
 * No time bound in this scenario (scenario 2 holds the 5-second one): allow for
 * a threshold that wants a page signal seen twice — the content script repeats
 * a signal still on screen after 30 s, when the page changes.
 */
const REPORT_TIMEOUT_MS = 35_000;

export default {
  id: 3,
  name: 'Instagram feed failure, Facebook error page, WhatsApp disconnected, Reddit posts not loading, YouTube player error → right signal and service, reported',
  timeout: 75_000,
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    const problems = [];
    // All five fail at once (as in a wide outage); the checks then run in parallel.
    const tabs = [];
    for (const f of FAILURES) {
      ctx.sites.setState(f.service, f.state);
      tabs.push(await ext.openTab(`https://${PAGE_HOST[f.service]}${f.path ?? '/'}`));
    }
    await Promise.all(FAILURES.map(async (f) => {
      try {
        const entry = await ext.waitForSignal(f.service, f.signal);
        ctx.log(`${f.service}: ${f.signal} detected by rule ${entry.detail}`);
        const report = await waitForCounted(ctx, { service: f.service, source: 'auto', signal: f.signal }, REPORT_TIMEOUT_MS);
        ctx.log(`${f.service}: counted with signals [${report.signals}] problem ${report.problem}`);
      } catch (error) {
        problems.push(`${f.service} ${f.what}: ${error.message}`);
      }
    }));
    if (problems.length) throw new Error(`${problems.length} of ${FAILURES.length} failed:\n- ${problems.join('\n- ')}`);
  },
};
