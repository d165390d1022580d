// docs/extension.md: screenshots of the popup (English and Bengali) and the options
// page are saved as artifacts; axe-core finds no violations on the popup, the
// options page and the first-run page.
import { axeViolations } from '../lib/axe.mjs';
import { localeMessages } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';
import { crowdReports } from './09-popup-badge-options.mjs';

async function popupFor(ext, ctx, countText) {
  const { tabId } = await ext.openTab(`https://${PAGE_HOST.x}/home`);
  const popup = await ext.openPopup(tabId);
  await popup.setViewportSize({ width: 420, height: 700 });
  await waitFor('the popup to show the server\'s figures', async () => (await popup.textContent('body'))?.includes(countText));
  return popup;
}

export default {
  id: 10,
  name: 'screenshots of popup (en, bn) and options saved to artifacts/; axe-core: no violations on popup, options, first-run page',
  timeout: 75_000,
  async run(ctx) {
    await ctx.backend.seed(crowdReports('x', 12));
    await ctx.backend.waitForCount('x', 12);
    const problems = [];
    const audit = async (page, name) => {
      const violations = await axeViolations(page);
      ctx.log(`axe ${name}: ${violations.length} violation(s)`);
      if (violations.length) problems.push(`${name}: ${violations.join('; ')}`);
    };

    const ext = await ctx.launch();
    const welcome = await ext.welcomePage();
    await welcome.getByRole('button', { name: 'Not now', exact: true }).waitFor();
    await welcome.screenshot({ path: ctx.artifact('first-run-en.png'), fullPage: true });
    await audit(welcome, 'first-run page');
    await ext.answerConsent('Not now');

    const en = localeMessages(ctx.extDir, 'en');
    const popup = await popupFor(ext, ctx, en('verdictReports_other', '12', '15'));
    await popup.screenshot({ path: ctx.artifact('popup-en.png'), fullPage: true });
    await audit(popup, 'popup (en)');

    const options = await ext.context.newPage();
    await options.goto(ext.url('src/options/index.html'));
    await options.getByRole('switch', { name: 'Report problems automatically' }).waitFor();
    await options.screenshot({ path: ctx.artifact('options-en.png'), fullPage: true });
    await audit(options, 'options page');
    await ext.close();

    const bn = localeMessages(ctx.extDir, 'bn');
    const bengali = await ctx.launch({ lang: 'bn' });
    await bengali.answerConsent('Not now');
    const count = await bengali.evalExt(() => new Intl.NumberFormat(chrome.i18n.getUILanguage()).format(12));
    const bengali15 = await bengali.evalExt(() => new Intl.NumberFormat(chrome.i18n.getUILanguage()).format(15));
    const uiLanguage = await bengali.evalExt(() => chrome.i18n.getUILanguage());
    check(uiLanguage.startsWith('bn'), `Chromium started with --lang=bn should give the extension the Bengali UI, got ${uiLanguage} (Debian: apt-get install chromium-l10n)`);
    const bnPopup = await popupFor(bengali, ctx, bn('verdictReports_other', count, bengali15));
    await bnPopup.screenshot({ path: ctx.artifact('popup-bn.png'), fullPage: true });
    await audit(bnPopup, 'popup (bn)');
    const bnButton = await bnPopup.getByTestId('report-button').textContent();
    check(bnButton === bn('reportButton'), `the report button is fully Bengali in Bengali (found by its test id), got "${bnButton}"`);

    if (problems.length) throw new Error(`axe-core violations:\n- ${problems.join('\n- ')}`);
  },
};
