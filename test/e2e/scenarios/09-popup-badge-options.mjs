// docs/extension.md: once reports exist the popup shows the server's 15-minute count
// and the reports chart, the toolbar badge shows the level (colour) and count,
// and option changes survive a browser restart.
import { randomUUID } from 'node:crypto';
import { localeMessages } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

/** The badge colours of src/background/badge.ts (LEVEL_COLOURS), as Chromium returns them. */
const LEVEL_RGB = { ok: [0x1a, 0x7f, 0x37], recovering: [0x0a, 0x5c, 0xad], warning: [0xb3, 0x59, 0x00], outage: [0xc6, 0x28, 0x28] };

/** `n` reports of `service` from `n` different installs, spread over the last 10 minutes. */
export function crowdReports(service, n, now = Date.now()) {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(), service, problem: 'feed', source: i % 3 ? 'auto' : 'manual', signals: ['banner'],
    observedAt: now - Math.floor((i / n) * 10 * 60_000), client: `e2e-crowd-${String(i).padStart(8, '0')}`,
    country: i % 2 ? 'US' : 'IN',
  }));
}

export default {
  id: 9,
  name: 'popup shows the server\'s counts and recent reports chart; badge shows level and count; options persist across a browser restart',
  timeout: 120_000,
  async run(ctx) {
    const msg = localeMessages(ctx.extDir, 'en');
    // A server judges levels only once it has collected for a while (docs/detector.md: no baseline in its first
    // hour); one report three hours old gives it that history, with x quiet in it.
    const earlier = await ctx.backend.seed(crowdReports('reddit', 1, Date.now() - 3 * 60 * 60_000));
    check(earlier.every((r) => r.status === 'counted'), `seeding history: ${JSON.stringify(earlier)}`);
    const results = await ctx.backend.seed(crowdReports('x', 40));
    check(results.every((r) => r.status === 'counted'), `seeding: ${JSON.stringify(results.filter((r) => r.status !== 'counted'))}`);
    await ctx.backend.waitForCount('x', 40);
    const status = await waitFor('x to leave level ok on the server', async () => {
      const s = (await ctx.backend.api('/v1/status')).json.services.find((e) => e.id === 'x');
      return s.level !== 'ok' ? s : undefined;
    });
    ctx.log(`server: x ${status.level}, count ${status.count}, baseline ${status.baseline}`);

    const profileDir = ctx.profileDir();
    const ext = await ctx.launch({ profileDir });
    await ext.answerConsent('Not now');
    const { tabId } = await ext.openTab(`https://${PAGE_HOST.x}/home`);
    const popup = await ext.openPopup(tabId);
    await popup.setViewportSize({ width: 420, height: 700 });
    await waitFor('the popup to show the 15-minute count', async () =>
      (await popup.getByTestId('count').textContent().catch(() => ''))?.includes(msg('verdictReports_other', '40', '15')));
    const chart = popup.locator('svg[role="img"]');
    await chart.waitFor({ timeout: 5_000 });
    // An incident is open, so the chart shows the recent 5-minute buckets of the server's `recent` series.
    const title = await chart.locator('title').textContent();
    check(title === msg('chartTitle', 'X', msg('chartHours_one', '1')), `chart title: ${title}`);
    const { recent } = (await ctx.backend.api('/v1/services/x?hours=24')).json;
    check(recent.bucketMinutes === 5 && recent.points.reduce((sum, p) => sum + p.count, 0) === 40, 'the server\'s recent series should hold the 40 reports');
    const desc = await chart.locator('desc').textContent();
    check(desc.startsWith(msg('chartDescIntro', '5', msg('chartHours_one', '1'))), `the chart's summary should speak of 5-minute buckets over the last hour: ${desc}`);
    await popup.screenshot({ path: ctx.artifact('popup-with-counts.png'), fullPage: true });

    const badge = await waitFor('the badge to show the count', async () => {
      const b = await ext.badge(tabId);
      return b.text === String(status.count) ? b : undefined;
    });
    const [r, g, b] = badge.color;
    check(JSON.stringify([r, g, b]) === JSON.stringify(LEVEL_RGB[status.level]),
      `badge colour ${badge.color} should be the ${status.level} colour ${LEVEL_RGB[status.level]}`);

    // Options: turn automatic reports on and stop watching Reddit, then restart the browser.
    const options = await ext.context.newPage();
    await options.goto(ext.url('src/options/index.html'));
    const autoSwitch = options.getByRole('switch', { name: 'Report problems automatically' });
    check(!(await autoSwitch.isChecked()), 'automatic reports should be off after "Not now"');
    await autoSwitch.click();
    const watchReddit = options.getByRole('checkbox', { name: msg('serviceWatchLabel', 'Reddit') });
    await watchReddit.uncheck();
    await waitFor('the settings to be saved', async () => {
      const s = await ext.settings();
      return s.autoReport === true && s.disabledServices.includes('reddit');
    });
    await ext.close();

    const restarted = await ctx.launch({ profileDir });
    const again = await restarted.context.newPage();
    await again.goto(restarted.url('src/options/index.html'));
    const switchAfter = again.getByRole('switch', { name: 'Report problems automatically' });
    await switchAfter.waitFor();
    check(await switchAfter.isChecked(), 'automatic reports switched on must still be on after a restart');
    check(!(await again.getByRole('checkbox', { name: msg('serviceWatchLabel', 'Reddit') }).isChecked()), 'Reddit switched off must stay off after a restart');
    const welcomeAgain = restarted.context.pages().some((p) => p.url().includes('welcome.html'));
    check(!welcomeAgain, 'the first-run page must not open again on a restart');
  },
};
