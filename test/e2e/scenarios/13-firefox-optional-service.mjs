// The Firefox build with a service asked for after install (Discord), in
// headless firefox-esr: no content script is registered before the grant;
// switching "Watch for problems" on in the options asks Firefox for the hosts
// (inside the click, which Marionette makes as a real input), Firefox grants
// them, the background registers the content script, and the service's
// failure page is reported. Firefox's prompt is a doorhanger Marionette cannot
// press; its pref extensions.webextOptionalPermissionPrompts=false makes
// Firefox grant an optional request without showing it — the request itself,
// and everything after it, is the extension's real path.
import { OPTIONAL_SERVICES } from '../../../src/core/hostPatterns.ts';
import { waitForCounted } from '../lib/expect.mjs';
import { PORTS } from '../lib/context.mjs';
import { firefoxProfile, runFirefox } from '../lib/firefox.mjs';
import { check, waitFor } from '../lib/wait.mjs';

export default {
  id: 13,
  name: 'Firefox: a service asked for after install (Discord) runs nothing until granted from the options, then its failure page is reported',
  needs: ['firefox'],
  timeout: 120_000,
  async run(ctx) {
    check(OPTIONAL_SERVICES.length > 0, 'the catalog lists no service asked for after install');
    const service = OPTIONAL_SERVICES[0];
    const firefox = await runFirefox({
      extDir: ctx.firefoxExtDir, profileDir: firefoxProfile(ctx.dir), marionettePort: PORTS.marionette, log: ctx.log,
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    ctx.onCleanup(() => firefox.stop());
    try {
      const m = firefox.marionette;
      const run = async (script) => (await m.send('WebDriver:ExecuteAsyncScript', { script: `const done = arguments[arguments.length - 1]; (${script})().then(done, (e) => done('error: ' + e.message));`, args: [] })).value;
      await m.switchToTab((url) => url.startsWith('moz-extension://') && url.includes('welcome.html'), 'the first-run page to open in Firefox');
      await m.send('WebDriver:ExecuteScript', {
        script: `const b = document.querySelector('[data-testid="welcome-on"]');
                 if (!b) throw new Error('no "Turn on automatic reports" button'); b.click();`,
        args: [],
      });
      await waitFor('Firefox to store the consent', async () => (await run("() => browser.runtime.sendMessage({ type: 'options/getSettings', payload: {} })"))?.autoReport === true, { timeout: 10_000, interval: 200 });

      const registered = () => run('() => browser.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id))');
      const before = await registered();
      check(Array.isArray(before) && !before.includes(`downwatch-${service.id}`), `a content script is registered before the grant: ${JSON.stringify(before)}`);

      // Marionette may not navigate to an extension page; the extension page itself may.
      await m.send('WebDriver:ExecuteScript', { script: "location.assign(browser.runtime.getURL('src/options/index.html'));", args: [] });
      await waitFor('the options page to open', async () => (await m.send('WebDriver:GetCurrentURL')).value.includes('src/options/index.html'), { timeout: 10_000, interval: 200 });
      const { value: checkbox } = await waitFor('the options page to list the service', () =>
        m.send('WebDriver:FindElement', { using: 'css selector', value: `tr[data-service="${service.id}"] input[data-role="watch"]` }).catch(() => undefined), { timeout: 10_000, interval: 200 });
      const element = Object.values(checkbox)[0];
      await m.send('WebDriver:ElementClick', { id: element });
      await waitFor(`the content script of ${service.id} to be registered`, async () => (await registered())?.includes?.(`downwatch-${service.id}`), { timeout: 15_000, interval: 200 });
      ctx.log(`firefox: ${service.id} granted from the options, content script registered`);

      ctx.sites.setState(service.id, 'banner');
      const { handle } = await m.send('WebDriver:NewWindow', { type: 'tab' });
      await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
      // forceResolve sends every name to 127.0.0.1; the fake sites' port is in the URL.
      await m.send('WebDriver:Navigate', { url: `https://${service.webApp.host}:${PORTS.fakeSites}${service.webApp.path}` });
      const report = await waitForCounted(ctx, { service: service.id, source: 'auto', signal: 'banner' }, 20_000);
      ctx.log(`firefox: counted ${JSON.stringify(report)}`);
    } finally {
      ctx.log(`--- web-ext output ---\n${firefox.output.slice(-3000)}`);
      await firefox.stop();
    }
  },
};
