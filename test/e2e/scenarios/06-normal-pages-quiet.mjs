// docs/detection.md: a working page raises nothing, including a user's post that quotes
// an error text ("Something went wrong"): no signal, no report. Every catalog
// service's `normal` and `quote` fixture pages, opened at its web app.
import { CATALOG } from '../../../src/core/catalog.ts';
import { describeSent } from '../lib/expect.mjs';
import { PAGE_HOST, webAppUrl } from '../lib/hosts.mjs';
import { check } from '../lib/wait.mjs';

export const QUIET_STATES = ['normal', 'quote'];
export const SERVICES = CATALOG.map((s) => s.id);

/**
 * The empty-feed rule only fires after 30–60 s, longer than this test waits;
 * instead it proves the timer can never fire on these pages: wherever the
 * rule's feed container is present, it already holds items.
 */
async function emptyFeedCannotFire(page, service) {
  const rule = CATALOG.find((s) => s.id === service)?.rules.feedStalled.emptyFeed;
  if (!rule) return;
  // The same test the content script makes: the first container, and whether it holds an item.
  const items = await page.evaluate(({ containerSelector, itemSelector }) => {
    const container = document.querySelector(containerSelector);
    return container ? container.querySelectorAll(itemSelector).length : null;
  }, rule);
  check(items !== 0, `${service}: feed container "${rule.containerSelector}" is empty, so rule ${rule.id} would fire later`);
}

export default {
  id: 6,
  name: 'normal pages of every catalog service, including posts quoting "Something went wrong" → no signal, no report',
  timeout: 120_000,
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    await ext.grantOptionalServices();
    for (const state of QUIET_STATES) {
      for (const service of SERVICES) {
        ctx.sites.setState(service, state);
        const { page } = await ext.openTab(webAppUrl(service));
        await emptyFeedCannotFire(page, service);
      }
    }
    const xPath = new URL(webAppUrl('x')).pathname;
    const quote = ctx.sites.hits.filter((h) => h.host === PAGE_HOST.x && h.path === xPath);
    check(quote.length >= 2, 'both X pages were served');

    // Positive control, which also bounds the wait: a banner opened after all
    // the quiet pages is detected, so the content script ran and had the time
    // it needs on the quiet pages, which were opened earlier.
    ctx.sites.setState('x', 'banner');
    const controlAt = Date.now();
    await ext.openTab(webAppUrl('x'));
    await ext.waitForSignal('x', 'banner');
    const log = await ext.signalLog();
    const wrong = log.filter((e) => e.at < controlAt || !(e.service === 'x' && e.signal === 'banner'));
    check(wrong.length === 0, `working pages raised signals: ${JSON.stringify(wrong)}`);
    const reports = ctx.backend.sent().filter((r) => r.service !== 'x');
    check(reports.length === 0, `working pages were reported: ${describeSent(ctx)}`);
  },
};
