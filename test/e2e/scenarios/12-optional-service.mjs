// docs/adding-a-service.md in real Chromium, for every catalog service asked for after
// install (Discord): until its hosts are granted nothing runs there — no
// content script registered or in the manifest, no permission held, no signal
// while a working catalog page next to it is detected; once the user allows
// the site and switches "Watch for problems" on, the background registers the
// content script and the service's failure page is reported; switching it off
// gives the hosts back and removes the script.
import { OPTIONAL_SERVICES, pagePatterns } from '../../../src/core/hostPatterns.ts';
import { describeSent, waitForCounted } from '../lib/expect.mjs';
import { webAppUrl } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';

export default {
  id: 12,
  name: 'a service asked for after install (Discord): nothing runs until its hosts are granted; then its failure page is reported',
  timeout: 120_000,
  async run(ctx) {
    check(OPTIONAL_SERVICES.length > 0, 'the catalog lists no service asked for after install');
    const ext = await ctx.launch();
    await ext.answerConsent('Turn on automatic reports');
    for (const service of OPTIONAL_SERVICES) {
      const id = service.id;
      const scriptId = `downwatch-${id}`;

      // Before the grant: nothing that could run there exists.
      check(!(await ext.registeredContentScripts()).includes(scriptId), `${id}: a content script is registered before any grant`);
      check(!(await ext.hostsGranted(id)), `${id}: its hosts are granted at install`);
      const staticMatches = await ext.evalExt(() => chrome.runtime.getManifest().content_scripts.flatMap((c) => c.matches));
      check(pagePatterns(service).every((p) => !staticMatches.includes(p)), `${id}: the manifest runs the content script on its pages`);
      const options = await ext.context.newPage();
      await options.goto(ext.url('src/options/index.html'));
      const note = options.getByTestId(`access-${id}`);
      await waitFor(`the options page to say ${service.name} needs permission`, async () => /Until you allow it, Downwatch does nothing there/.test(await note.textContent()));
      const watch = options.getByRole('checkbox', { name: `Watch ${service.name} for problems` });
      check(!(await watch.isChecked()), `${id}: shown as watched before any grant`);

      // Its failure page, then a catalog page as the positive control: the control's signal
      // proves the content script pipeline ran meanwhile, and nothing came from the service.
      ctx.sites.setState(id, 'banner');
      const before = Date.now();
      await ext.openTab(webAppUrl(id));
      ctx.sites.setState('x', 'banner');
      await ext.openTab(webAppUrl('x'));
      await ext.waitForSignal('x', 'banner');
      const early = (await ext.signalLog()).filter((e) => e.service === id && e.at >= before);
      check(early.length === 0, `${id}: signals before the grant: ${JSON.stringify(early)}`);
      check(!ctx.backend.sent().some((r) => r.service === id), `${id}: reported before the grant: ${describeSent(ctx)}`);
      await options.close();

      // The grant: site access on chrome://extensions, then "Watch for problems" switched on.
      const granted = await ext.grantService(id);
      check(await ext.hostsGranted(id), `${id}: hosts not granted after the grant`);
      await waitFor(`the options page to say ${service.name} is allowed`, async () => /^Allowed to read /.test(await granted.getByTestId(`access-${id}`).textContent()));
      const { page } = await ext.openTab(webAppUrl(id));
      const entry = await ext.waitForSignal(id, 'banner');
      ctx.log(`${id}: banner detected by rule ${entry.detail} after the grant`);
      const report = await waitForCounted(ctx, { service: id, source: 'auto', signal: 'banner' }, 35_000);
      ctx.log(`${id}: counted with signals [${report.signals}] problem ${report.problem}`);
      await page.close();

      // Switched off: the hosts go back, and the script with them.
      await granted.getByRole('checkbox', { name: `Watch ${service.name} for problems` }).click();
      await waitFor(`the content script of ${id} to be removed`, async () => !(await ext.registeredContentScripts()).includes(scriptId));
      // The options page gives the permission back after saving the switch: wait for it, in either order.
      await waitFor(`${id}'s hosts to be given back after switching it off`, async () => !(await ext.hostsGranted(id)));
      await granted.close();
    }
  },
};
