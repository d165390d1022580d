// The status site's report form, as a visitor without the extension uses it
// (docs/site.md). With JavaScript off: the form posts as HTML, the answer
// page says the report was counted, and a second report from that page is
// suppressed. With JavaScript on: the script makes the visit's ids, and the
// same holds. The server's own counters agree.
import { axeViolations, launchVisitor, startDemoSite, visit } from '../lib/site.mjs';
import { check, waitFor } from '../lib/wait.mjs';

/** Waits until the server's figures for `service` (a domain the demo never reports) show `count` reports. */
async function waitForCount(base, service, count) {
  await waitFor(`${service} to have ${count} counted report(s)`, async () => {
    const detail = await (await fetch(`${base}/v1/services/${service}`)).json();
    return detail.count === count;
  }, { timeout: 15_000 });
}

/** Picks a problem, sends the form, and returns the outcome the answer page names. */
async function report(page, problem) {
  await page.getByRole('radio', { name: problem }).check();
  await Promise.all([page.waitForURL(/\/report$/), page.getByTestId('site-report-button').click()]);
  return page.getAttribute('[data-testid="report-outcome"]', 'data-outcome');
}

export default {
  id: 20,
  name: 'status site report form: with and without JavaScript a report is counted and a second one is suppressed',
  backend: false,
  timeout: 180_000,
  async run(ctx) {
    const base = await startDemoSite(ctx);
    const browser = await launchVisitor(ctx);

    const noJs = await visit(browser, `${base}/s/no-script.example?lang=en`, { js: false });
    check(await noJs.page.inputValue('input[name="client"]') === '', 'without a script the shared page carries no client id');
    check(await report(noJs.page, "Can't log in") === 'counted', 'the first report without JavaScript is counted');
    await noJs.page.screenshot({ path: ctx.artifact('site-report-counted-en.png'), fullPage: true });
    const client = await noJs.page.inputValue('input[name="client"]');
    check(/^[A-Za-z0-9_-]{16,64}$/.test(client), `the answer page carries the visit's client id, got "${client}"`);
    check(await report(noJs.page, "Can't log in") === 'suppressed', 'a second report from the answer page is suppressed');
    await waitForCount(base, 'no-script.example', 1);
    await noJs.context.close();

    const withJs = await visit(browser, `${base}/s/with-script.example?lang=bn`, { lang: 'bn' });
    const scriptClient = await withJs.page.inputValue('input[name="client"]');
    check(/^[A-Za-z0-9_-]{22}$/.test(scriptClient), `the script makes a client id for the visit, got "${scriptClient}"`);
    check(await report(withJs.page, 'ভিডিও চলছে না') === 'counted', 'the first report with JavaScript is counted');
    check(await withJs.page.getAttribute('html', 'lang') === 'bn', 'the answer page keeps the language');
    await withJs.page.screenshot({ path: ctx.artifact('site-report-counted-bn.png'), fullPage: true });
    // axe runs on timers, which a page without JavaScript does not run: the answer page is audited here.
    const violations = await axeViolations(withJs.page);
    check(violations.length === 0, `axe on the answer page: ${violations.join('; ')}`);
    check(await withJs.page.inputValue('input[name="client"]') === scriptClient, 'the answer page keeps the script\'s client id');
    check(await report(withJs.page, 'ভিডিও চলছে না') === 'suppressed', 'a second report with JavaScript is suppressed');
    await waitForCount(base, 'with-script.example', 1);
    check(withJs.errors.length === 0, `no console errors: ${withJs.errors.join('; ')}`);
    await withJs.context.close();
  },
};
