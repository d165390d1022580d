// DESIGN §3–§4: X shows its error banner, automatic reports are on → the
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
    const report = await waitForCounted(ctx, { service: 'x', source: 'auto', signal: 'banner' }, LATENCY_LIMIT_MS + 5_000);
    const latency = report.at - shownAt;
    ctx.metrics = { latencyMs: latency };
    ctx.log(`banner-to-counted latency ${latency} ms`);
    check(latency <= LATENCY_LIMIT_MS, `the report was counted ${latency} ms after the banner page loaded (limit ${LATENCY_LIMIT_MS} ms)`);
    await ctx.backend.waitForCount('x', 1);
    const counted = ctx.backend.counted().filter((r) => r.service === 'x');
    check(counted.length === 1, `exactly one report must be counted for x, got ${counted.length}`);
  },
};
