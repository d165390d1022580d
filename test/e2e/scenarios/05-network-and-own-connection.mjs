// docs/detection.md: 5xx from a service's API host → `http_5xx`; an API host that does
// not resolve → `net_error`; and when every host fails the same way (the
// backend too) nothing is blamed on the service, nothing is reported, and the
// popup says it looks like the user's own connection.
import { localeMessages } from '../lib/expect.mjs';
import { OTHER_SITE, PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

export default {
  id: 5,
  name: 'API 5xx → http_5xx, unresolvable host → net_error; every host failing (backend too) → no report, popup says own connection',
  timeout: 75_000,
  async run(ctx) {
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');

    ctx.sites.setState('x', 'api_5xx');
    const xTab = await ext.openTab(`https://${PAGE_HOST.x}/home`);
    const fiveXX = await ext.waitForSignal('x', 'http_5xx');
    ctx.log(`x: http_5xx logged (${fiveXX.detail})`);
    const xState = await ext.send('popup/getState', { tabId: xTab.tabId, fresh: false });
    check(xState.verdict === 'service', `with only x's API failing the verdict must blame the service, got ${xState.verdict}`);

    ctx.sites.setState('reddit', 'api_dead');
    await ext.openTab(`https://${PAGE_HOST.reddit}/`);
    const dns = await ext.waitForSignal('reddit', 'net_error');
    ctx.log(`reddit: net_error logged (${dns.detail})`);
    check(/NAME_NOT_RESOLVED/i.test(dns.detail), `the net_error detail should name the DNS failure, got ${dns.detail}`);
    await ext.close();

    // Everything fails: the fake hosts go to a closed port and the backend is down.
    await ctx.backend.stop();
    const offline = await ctx.launch({ allFailing: true });
    await offline.answerConsent('Turn on automatic reports');
    // Unrelated hosts fail first (two other services, a non-catalog site, and
    // the backend, which the popup's fresh fetch tries), then X fails the same way.
    const reddit = await offline.openTab(`https://${PAGE_HOST.reddit}/`);
    await offline.openTab(`https://${OTHER_SITE}/`);
    await offline.openTab(`https://${PAGE_HOST.youtube}/`);
    await offline.send('popup/getState', { tabId: reddit.tabId, fresh: true });
    const failing = await offline.openTab(`https://${PAGE_HOST.x}/home`);
    const popup = await offline.openPopup(failing.tabId);
    const msg = localeMessages(ctx.extDir, 'en');
    const ownConnection = msg('youOwnConnection', 'X');
    await waitFor(`the popup to say "${ownConnection}…"`, async () => (await popup.textContent('body'))?.includes(ownConnection), { timeout: 10_000 });
    const state = await offline.send('popup/getState', { tabId: failing.tabId, fresh: true });
    check(state.verdict === 'own_connection', `verdict must be own_connection, got ${state.verdict}`);
    check(state.queued === 0, `no report may wait to be sent when the failures are the user's own connection, queued=${state.queued}`);
    const log = await offline.signalLog();
    const xSignals = log.filter((e) => e.service === 'x');
    check(xSignals.length > 0, `the failed X navigation should still be logged (blamed on the connection); log: ${JSON.stringify(log)}`);
    const blamed = xSignals.filter((e) => e.blamed === 'service');
    check(blamed.length === 0, `X's failures must be blamed on the connection, got ${JSON.stringify(blamed)}`);
  },
};
