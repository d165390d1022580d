// docs/extension.md: automatic reports are off until the user agrees on the first-run
// page; "Not now" keeps them off; "Turn on automatic reports" turns them on.
import { expectNoReportFor, waitForCounted } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check } from '../lib/wait.mjs';

export default {
  id: 1,
  name: 'consent: first-run page opens on install; no automatic report until "Turn on automatic reports", "Not now" keeps them off',
  async run(ctx) {
    const ext = await ctx.launch();
    const welcome = await ext.welcomePage();
    ctx.log(`first-run page opened: ${welcome.url()}`);
    const before = await ext.settings();
    check(before.autoReport === false && before.consentAnswered === false,
      `a fresh install must start with automatic reports off and unanswered, got ${JSON.stringify(before)}`);

    // Unanswered: signals occur, nothing is sent.
    ctx.sites.setState('x', 'banner');
    await ext.openTab(`https://${PAGE_HOST.x}/home`);
    await ext.waitForSignal('x', 'banner');
    await expectNoReportFor(ctx);

    // "Not now": still off, still nothing sent.
    await ext.answerConsent('Not now');
    ctx.sites.setState('facebook', 'banner');
    await ext.openTab(`https://${PAGE_HOST.facebook}/`);
    await ext.waitForSignal('facebook', 'banner');
    await expectNoReportFor(ctx);

    // The control that makes the two silences meaningful: after agreeing, the
    // same kind of page does produce an automatic report.
    const again = await ext.context.newPage();
    await again.goto(ext.url('src/options/welcome.html'));
    await again.getByRole('button', { name: 'Turn on automatic reports', exact: true }).click();
    const after = await ext.settings();
    check(after.autoReport === true, `"Turn on automatic reports" must switch automatic reports on, got ${JSON.stringify(after)}`);
    await ext.openTab(`https://${PAGE_HOST.x}/home`);
    await waitForCounted(ctx, { service: 'x', source: 'auto', signal: 'banner' });
  },
};
