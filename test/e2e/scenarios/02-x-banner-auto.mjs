// docs/detection.md, docs/extension.md: X shows its error banner, automatic reports are on → the
// server counts exactly one report, source "auto", with the `banner` signal,
// within 5 seconds of the page having loaded.
import { waitForCounted } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check } from '../lib/wait.mjs';

export const LATENCY_LIMIT_MS = 5_000;

export default {
  id: 2,
  name: 'X error banner with automatic reporting on → one report counted, source "auto", signal "banner", within 5 s',
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    ctx.sites.setState('x', 'banner');
    const { page } = await ext.openTab(null);
    await page.goto(`https://${PAGE_HOST.x}/home`, { waitUntil: 'domcontentloaded' });
    const shownAt = Date.now();
    ctx.metrics = {};
    // Detection and reporting are timed apart, so a slow report can be told from a missed banner.
    await ext.waitForSignal('x', 'banner', { timeout: LATENCY_LIMIT_MS, interval: 25 });
    ctx.metrics.signalMs = Date.now() - shownAt;
    ctx.log(`banner-to-signal ${ctx.metrics.signalMs} ms`);
    const report = await waitForCounted(ctx, { service: 'x', source: 'auto', signal: 'banner' }, LATENCY_LIMIT_MS + 5_000)
      .catch(async (error) => {
        const seen = (await ext.signalLog()).map((e) => `${e.service}/${e.signal}/${e.detail}/${e.blamed}`);
        throw new Error(`${error.message}; the banner was detected ${ctx.metrics.signalMs} ms after load; signal log: ${seen.join(', ')}`);
      });
    const latency = report.at - shownAt;
    ctx.metrics.latencyMs = latency;
    ctx.log(`banner-to-counted latency ${latency} ms`);
    check(latency <= LATENCY_LIMIT_MS, `the report was counted ${latency} ms after the banner page loaded (limit ${LATENCY_LIMIT_MS} ms)`);
    await ctx.backend.waitForCount('x', 1);
    const counted = ctx.backend.counted().filter((r) => r.service === 'x');
    check(counted.length === 1, `exactly one report must be counted for x, got ${counted.length}`);
  },
};
