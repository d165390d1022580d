// docs/incidents.md, against the real server: a "Down elsewhere" row opens
// that service's view; the search opens any domain; the user's own counted
// report is in the count at once; offline, the popup keeps the last figures
// with their age, names the server and retries on demand.
import { PORTS } from '../lib/context.mjs';
import { localeMessages } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { openPopupAt } from '../lib/popup-checks.mjs';
import { check, waitFor } from '../lib/wait.mjs';
import { crowdReports } from './09-popup-badge-options.mjs';

const countOf = async (popup) => Number((await popup.getByTestId('count').textContent()).match(/([\d,]+) reports? in/)[1].replace(/,/g, ''));

export default {
  id: 18,
  name: 'real server: "Down elsewhere" opens the service, search opens a domain, own report counted at once, offline shows age and Retry',
  timeout: 150_000,
  async run(ctx) {
    // A server judges levels only once it has collected for a while (docs/detector.md); one report three
    // hours old gives it that history.
    await ctx.backend.seed(crowdReports('youtube', 1, Date.now() - 3 * 60 * 60_000));
    await ctx.backend.seed(crowdReports('reddit', 40));
    await ctx.backend.seed(crowdReports('x', 12));
    await ctx.backend.waitForCount('reddit', 40);
    await waitFor('reddit to leave ok on the server', async () => (await ctx.backend.api('/v1/status')).json.services.find((s) => s.id === 'reddit').level !== 'ok');
    const msg = localeMessages(ctx.extDir, 'en');
    const ext = await ctx.launch();
    await ext.answerConsent('Not now');
    const { tabId } = await ext.openTab(`https://${PAGE_HOST.x}/home`);

    // "Down elsewhere" → Reddit's own view, and back.
    const popup = await openPopupAt(ext, tabId);
    await popup.locator('main[aria-busy="false"] [data-testid="count"]').waitFor();
    await popup.getByTestId('more').click();
    await popup.locator('[data-service="reddit"]').click();
    await popup.locator('h1', { hasText: 'Reddit' }).waitFor();
    await waitFor('Reddit\'s figures', async () => (await popup.getByTestId('count').textContent().catch(() => ''))?.includes(msg('verdictReports_other', '40', '15')));
    check(await popup.getByTestId('report-button').count() === 0, 'a service opened from the list offers no report (reports go to the tab\'s service)');
    // The search opens any domain.
    await popup.getByTestId('search-open').click();
    await popup.locator('#search-input').fill('https://news.example.org/page');
    await popup.getByRole('button', { name: msg('searchGo') }).click();
    await popup.locator('h1', { hasText: 'example.org' }).waitFor();
    await popup.getByRole('button', { name: `‹ ${msg('backToTab')}` }).click();
    await popup.locator('h1', { hasText: /^X$/ }).waitFor();

    // The user's own report is in the count at once.
    await popup.locator('main[aria-busy="false"] [data-testid="count"]').waitFor();
    const before = await countOf(popup);
    await popup.getByTestId('report-button').click();
    await popup.locator('[data-problem="login"]').click();
    await popup.getByText(msg('reportOutcome_counted')).waitFor();
    await waitFor('the count to include the report', async () => (await countOf(popup)) === before + 1);
    check(ctx.backend.counted().some((r) => r.service === 'x' && r.problem === 'login' && r.source === 'manual'), 'the server counted the chosen problem');

    // Offline: last figures with their age, the server named, Retry; back online, Retry recovers.
    await ctx.backend.stop();
    await waitFor('the popup to say the server is unreachable', async () => {
      await popup.getByTestId('retry').click({ timeout: 500 }).catch(() => popup.reload());
      await popup.locator('main[aria-busy="false"]').waitFor();
      return (await popup.getByTestId('unreachable').count()) > 0;
    }, { timeout: 40_000, interval: 1_000 });
    const notice = await popup.getByTestId('unreachable').textContent();
    check(notice.includes(msg('offlineServer', `127.0.0.1:${PORTS.backend}`)), `the notice names the server: ${notice}`);
    check((await popup.getByTestId('age').textContent()).length > 0, 'the notice gives the figures\' age');
    check(await popup.locator('.verdict').count() === 1, 'the last known verdict stays on screen');
    await ctx.backend.start();
    await popup.getByTestId('retry').click();
    await waitFor('Retry to reach the server again', async () => (await popup.getByTestId('unreachable').count()) === 0, { timeout: 15_000 });
  },
};
