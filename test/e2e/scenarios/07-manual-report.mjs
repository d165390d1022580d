// docs/adding-a-service.md/§4: any site can be reported by hand from the popup under its
// registrable domain; a second click within 15 minutes is not counted again
// and the popup says it was already reported.
import { localeMessages } from '../lib/expect.mjs';
import { OTHER_SITE, OTHER_SITE_SERVICE } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

/** The two taps: "Report a problem", then the problem (no problem is chosen for the user). */
export async function clickReport(popup, problem = 'website') {
  await popup.getByRole('button', { name: 'Report a problem' }).click();
  await popup.locator(`[data-problem="${problem}"]`).click();
}

export async function waitForText(page, text, what, timeout = 10_000) {
  await waitFor(`${what}: the popup to show "${text}"`, async () => (await page.textContent('body'))?.includes(text), { timeout });
}

export default {
  id: 7,
  name: 'manual report from the popup on news.example.co.uk → counted as example.co.uk; second click within 15 min → "already reported"',
  async run(ctx) {
    const msg = localeMessages(ctx.extDir, 'en');
    const ext = await ctx.launch();
    await ext.answerConsent('Not now');
    const { tabId, page } = await ext.openTab(`https://${OTHER_SITE}/`);
    // Outside the catalog the extension has no host permission: the user's
    // click on the toolbar button (activeTab) is what lets it see the site.
    await ext.pressToolbarButton(page);
    const popup = await ext.openPopup(tabId);
    await clickReport(popup);
    await waitForText(popup, msg('reportOutcome_counted'), 'first report');
    await ctx.backend.waitForCount(OTHER_SITE_SERVICE, 1);
    const sent = ctx.backend.sent();
    check(sent.length === 1 && sent[0].service === OTHER_SITE_SERVICE && sent[0].source === 'manual',
      `one manual report for ${OTHER_SITE_SERVICE} expected on the wire, got ${JSON.stringify(sent)}`);
    check(!JSON.stringify(sent[0]).includes(OTHER_SITE), 'the report must not carry the host name or URL');

    // Second click: a fresh popup, as a user would open it again.
    const again = await ext.openPopup(tabId);
    await clickReport(again);
    await waitForText(again, msg('reportOutcome_suppressed', OTHER_SITE_SERVICE), 'second report');
    await ctx.backend.waitForCount(OTHER_SITE_SERVICE, 1);
    const counted = ctx.backend.counted().filter((r) => r.service === OTHER_SITE_SERVICE);
    check(counted.length === 1, `the second click must not be counted, counted ${counted.length}`);
  },
};
