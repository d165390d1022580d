// The Firefox build in headless firefox-esr through `web-ext run`: after the
// user turns automatic reports on, an X error banner is reported to the server.
import { waitForCounted } from '../lib/expect.mjs';
import { PORTS } from '../lib/context.mjs';
import { firefoxProfile, runFirefox } from '../lib/firefox.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

export default {
  id: 11,
  name: 'Firefox: the Firefox build in headless firefox-esr via web-ext run reports one X error banner to the server',
  needs: ['firefox'],
  timeout: 90_000,
  async run(ctx) {
    const firefox = await runFirefox({
      extDir: ctx.firefoxExtDir, profileDir: firefoxProfile(ctx.dir), marionettePort: PORTS.marionette, log: ctx.log,
    });
    ctx.onCleanup(() => firefox.stop());
    try {
      const m = firefox.marionette;
      const welcomeHandle = await m.switchToTab((url) => url.startsWith('moz-extension://') && url.includes('welcome.html'), 'the first-run page to open in Firefox');
      await m.send('WebDriver:ExecuteScript', {
        script: `const b = document.querySelector('[data-testid="welcome-on"]');
                 if (!b) throw new Error('no "Turn on automatic reports" button'); b.click();`,
        args: [],
      });
      const settings = await waitFor('Firefox to store the consent', async () => {
        const { value } = await m.send('WebDriver:ExecuteScript', {
          script: "return browser.runtime.sendMessage({ type: 'options/getSettings', payload: {} });", args: [],
        });
        return value?.autoReport === true ? value : undefined;
      }, { timeout: 5_000, interval: 200 });
      ctx.log(`firefox: settings after consent ${JSON.stringify(settings)}`);
      ctx.sites.setState('x', 'banner');
      const { handle } = await m.send('WebDriver:NewWindow', { type: 'tab' });
      await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
      // forceResolve sends every name to 127.0.0.1; the fake sites' port is in the URL.
      await m.send('WebDriver:Navigate', { url: `https://${PAGE_HOST.x}:${PORTS.fakeSites}/home` });
      const xTab = handle;
      let report;
      try {
        // The same X banner as scenario 2, with slack for Firefox's slower start.
        report = await waitForCounted(ctx, { service: 'x', source: 'auto', signal: 'banner' }, 15_000);
      } catch (error) {
        await m.send('WebDriver:SwitchToWindow', { handle: welcomeHandle, focus: true });
        const { value: log } = await m.send('WebDriver:ExecuteScript', {
          script: "return browser.runtime.sendMessage({ type: 'options/getSignalLog', payload: {} }).then((l) => JSON.stringify(l));",
          args: [],
        }).catch((e) => ({ value: `could not read the signal log: ${e.message}` }));
        void xTab;
        throw new Error(`${error.message}; Firefox's signal log: ${log}; fake-site hits: ${JSON.stringify(ctx.sites.hits.map((h) => `${h.host}${h.path} ${h.status}`))}`);
      }
      ctx.log(`firefox: counted ${JSON.stringify(report)}`);
      await ctx.backend.waitForCount('x', 1);
      check(ctx.backend.counted().length === 1, `exactly one report expected, got ${ctx.backend.counted().length}`);
    } finally {
      ctx.log(`--- web-ext output ---\n${firefox.output.slice(-3000)}`);
      await firefox.stop();
    }
  },
};
