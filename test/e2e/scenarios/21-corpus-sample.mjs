// Issue 12: a sample of the detection corpus (test/fixtures/corpus) in real
// Chromium with the built extension, automatic reports on. Normal pages of
// every service (user content quoting the sites' error texts, error UIs kept
// hidden) first: no signal, no report. Then one failure page per service, at
// its real address and path: its signal under the right service, and a
// counted automatic report. The sample is taken from the corpus files, so new
// pages and services are covered without editing this file.
import { loadCorpus } from '../../../bench/corpus/corpus.ts';
import { CATALOG, catalogService } from '../../../src/core/catalog.ts';
import { describeSent, waitForCounted } from '../lib/expect.mjs';
import { check } from '../lib/wait.mjs';

/** Normal pages per service (logged in, so a login wall would count). */
const NORMAL_PER_SERVICE = 2;
/** As scenario 3: a threshold may want a page signal seen twice (repeats after 30 s). */
const REPORT_TIMEOUT_MS = 35_000;

const pageUrl = (p) => `https://${catalogService(p.service).webApp.host}${p.path}`;

/** One failure page per service (a banner or stalled feed, first by file name; late ones included), and normal pages. */
export function corpusSample(pages = loadCorpus()) {
  const failures = [];
  const normals = [];
  for (const { id } of CATALOG) {
    const own = pages.filter((p) => p.service === id);
    const failure = own.find((p) => p.expect === 'banner' || p.expect === 'feed_stalled');
    if (failure) failures.push(failure);
    normals.push(...own.filter((p) => p.expect === 'none' && p.loggedIn).slice(0, NORMAL_PER_SERVICE));
  }
  return { failures, normals };
}

export default {
  id: 21,
  name: 'detection corpus sample: normal pages quiet, one failure page per service → its signal and a counted report',
  timeout: 240_000,
  async run(ctx) {
    const { failures, normals } = corpusSample();
    check(failures.length === CATALOG.length, `a failure page for every service (found ${failures.map((p) => p.service)})`);
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    await ext.grantOptionalServices();

    // Normal pages of every service, each in its own tab (kept open: their scripts keep watching).
    for (const p of normals) {
      ctx.sites.setState(p.service, `corpus:${p.file}`);
      await ext.openTab(pageUrl(p));
      ctx.log(`normal page open: ${p.service}/${p.file}`);
    }

    // The failure pages; their detection also bounds the wait on the normal pages opened before.
    const failuresFrom = Date.now();
    const problems = [];
    for (const p of failures) {
      ctx.sites.setState(p.service, `corpus:${p.file}`);
      await ext.openTab(pageUrl(p));
      try {
        const entry = await ext.waitForSignal(p.service, p.expect, { timeout: 10_000 + p.appearsAfterMs });
        ctx.log(`${p.service}/${p.file}: ${p.expect} by rule ${entry.detail}`);
      } catch (error) {
        problems.push(`${p.service}/${p.file}: ${error.message}`);
      }
    }
    await Promise.all(failures.map(async (p) => {
      try {
        // A stalled feed often shows the site's error banner too: the report goes out with whichever came first.
        const report = await waitForCounted(ctx, { service: p.service, source: 'auto' }, REPORT_TIMEOUT_MS);
        ctx.log(`${p.service}: counted, signals [${report.signals}]`);
      } catch (error) {
        problems.push(`${p.service} report: ${error.message}`);
      }
    }));

    const log = await ext.signalLog();
    const early = log.filter((e) => e.at < failuresFrom && e.signal !== 'logout');
    if (early.length) problems.push(`normal pages raised signals: ${JSON.stringify(early)}`);
    const earlyReports = ctx.backend.sent().filter((r) => r.at < failuresFrom);
    if (earlyReports.length) problems.push(`normal pages were reported: ${describeSent(ctx)}`);
    if (problems.length) throw new Error(`${problems.length} failed:\n- ${problems.join('\n- ')}`);
  },
};
