// docs/detection.md `logout`: a logged-in X session that meets the login wall without
// the user logging out raises `logout`, and that confirmed unexpected logout
// is reported automatically (a `login` report the server counts); after a
// click on the site's own "Log out" the same wall raises and reports nothing.
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

/**
 * Waits until the background has stored the X login facts the content script
 * sends (`logins` in storage.local, src/background/signals.ts). Only used to
 * synchronise — navigating on before "logged in" is stored would test nothing.
 */
async function waitForLoginFact(ext, fact, after) {
  return waitFor(`the background to store ${fact} for x`, async () => {
    const { logins } = await ext.evalExt(() => chrome.storage.local.get('logins'));
    const at = logins?.x?.[fact];
    return typeof at === 'number' && at >= after ? at : undefined;
  }, { timeout: 8_000, interval: 100 });
}

export default {
  id: 4,
  name: 'unexpected logout: logged-in X meets the login wall → "logout" and a counted login report; after clicking the site\'s Log out → nothing',
  async run(ctx) {
    const x = `https://${PAGE_HOST.x}`;
    // Part 1: logged in, then the wall without a log-out click.
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    ctx.sites.setState('x', 'normal');
    const { page } = await ext.openTab(`${x}/home`);
    await waitForLoginFact(ext, 'loggedInAt', 0);
    ctx.sites.setState('x', 'login_wall');
    await page.goto(`${x}/i/flow/login`);
    await ext.waitForSignal('x', 'logout');
    await ctx.backend.waitForCount('x', 1);
    const counted = ctx.backend.counted().filter((r) => r.service === 'x');
    check(counted.length === 1 && counted[0].source === 'auto' && counted[0].problem === 'login' && counted[0].signals.includes('logout'),
      `the unexpected logout must be counted as one automatic login report with the logout signal, got ${JSON.stringify(counted)}`);

    const sentBeforePart2 = ctx.backend.sent().length;

    // Part 2: a fresh install, logged in, clicks the site's Log out, then meets the wall.
    const second = await ctx.launch();
    await second.answerConsent('Turn on automatic reports');
    ctx.sites.setState('x', 'account_menu');
    const tab = await second.openTab(`${x}/home`);
    const loggedInAt = await waitForLoginFact(second, 'loggedInAt', 0);
    const logoutControl = tab.page.getByRole('menuitem', { name: /Log out/ });
    ctx.sites.setState('x', 'login_wall');
    await logoutControl.click();
    const logoutClickAt = await waitForLoginFact(second, 'logoutClickAt', loggedInAt);
    await tab.page.goto(`${x}/i/flow/login`);
    await tab.page.waitForLoadState('load');
    // The background notes every wall it is told of, judged or not: once this one is noted, its verdict is in.
    await waitForLoginFact(second, 'wallAt', logoutClickAt);
    const logout = (await second.signalLog()).filter((e) => e.service === 'x' && e.signal === 'logout');
    check(logout.length === 0, `a login wall after a Log out click must not raise "logout", got ${JSON.stringify(logout)}`);
    check(ctx.backend.sent().length === sentBeforePart2,
      `nothing may be reported after a deliberate Log out, got ${JSON.stringify(ctx.backend.sent().slice(sentBeforePart2))}`);
  },
};
