// docs/privacy-and-trust.md "pages cannot speak for a service": a page of another site that
// embeds X's resources (iframes, images, fetches) from an unresolvable X host
// and from an X API host answering 503 raises no signal and no report for X;
// X's own page failing the same way, with the same requests, does.
import { REQUESTS_SETTLED_TITLE } from '../lib/fake-sites.mjs';
import { OTHER_SITE, PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

/** Waits until the page has made all its failing requests (the page says so in its title). */
async function requestsSettled(page) {
  await page.waitForFunction((title) => document.title === title, REQUESTS_SETTLED_TITLE, { timeout: 30_000 });
}

export default {
  id: 15,
  name: 'a foreign page embedding failing X resources → no X signal, no report; X\'s own page failing the same way → net_error and a counted report',
  timeout: 90_000,
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');

    // The foreign page: five rounds of requests to a dead X host and to an X API host answering 503.
    ctx.sites.setState('x', 'api_5xx');
    const foreign = await ext.openTab(`https://${OTHER_SITE}/embeds/x`);
    await requestsSettled(foreign.page);
    ctx.log('the foreign page made its requests to X hosts');

    // X's own page retrying the dead host the same way: its failures are X's.
    ctx.sites.setState('x', 'api_dead_retrying');
    const xOpenedAt = Date.now();
    const own = await ext.openTab(`https://${PAGE_HOST.x}/home`);
    await ext.waitForSignal('x', 'net_error');
    await requestsSettled(own.page);
    await ctx.backend.waitForCount('x', 1, 15_000);

    const xLog = (await ext.signalLog()).filter((e) => e.service === 'x');
    // Only the foreign page met a 503 from an X host: an http_5xx for X would be its doing.
    const fiveXX = xLog.filter((e) => e.signal === 'http_5xx');
    check(fiveXX.length === 0, `the foreign page's 503s from an X API host must not count for X, got ${JSON.stringify(fiveXX)}`);
    const early = xLog.filter((e) => e.at < xOpenedAt);
    check(early.length === 0, `no X signal may come from the foreign page (before X's own page opened), got ${JSON.stringify(early)}`);
    const reports = ctx.backend.sent().filter((r) => r.service === 'x');
    check(reports.length === 1 && reports[0].at >= xOpenedAt && reports[0].status === 'counted',
      `exactly one X report, sent after X's own page failed, got ${JSON.stringify(reports)}`);
    check(reports[0].source === 'auto' && reports[0].signals.join() === 'net_error',
      `the report must be automatic and carry X's own net_error only, got ${JSON.stringify(reports[0])}`);
  },
};
