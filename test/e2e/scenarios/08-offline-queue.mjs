// docs/extension.md offline queue: with the backend down, reports wait in storage; the
// MV3 service worker is stopped (nothing may live only in memory) and starts
// again; once the backend is back every queued report is counted exactly once.
import { localeMessages } from '../lib/expect.mjs';
import { OTHER_SITE, OTHER_SITE_SERVICE, PAGE_HOST } from '../lib/hosts.mjs';
import { check, waitFor } from '../lib/wait.mjs';
import { clickReport, waitForText } from './07-manual-report.mjs';

export default {
  id: 8,
  name: 'backend down: reports queue; service worker stopped via CDP and restarted; backend back → every queued report counted exactly once',
  timeout: 90_000,
  async run(ctx) {
    const msg = localeMessages(ctx.extDir, 'en');
    const ext = await ctx.launch();
    await ext.answerConsent('Not now');
    await ctx.backend.stop();

    const targets = [
      { url: `https://${PAGE_HOST.x}/home`, service: 'x' },
      { url: `https://${OTHER_SITE}/`, service: OTHER_SITE_SERVICE },
      { url: `https://${PAGE_HOST.reddit}/`, service: 'reddit' },
    ];
    for (const target of targets) {
      const { tabId, page } = await ext.openTab(target.url);
      await ext.pressToolbarButton(page);
      const popup = await ext.openPopup(tabId);
      await clickReport(popup);
      await waitForText(popup, msg('reportOutcome_queued'), `report for ${target.service} with the backend down`);
      target.tabId = tabId;
      await popup.close();
    }
    const queuedBefore = (await ext.send('popup/getState', { tabId: targets[0].tabId, fresh: false })).queued;
    check(queuedBefore === targets.length, `${targets.length} reports should wait in the queue, popup state says ${queuedBefore}`);

    const worker = await ext.stopServiceWorker();
    await ctx.backend.start();
    ctx.log('backend back; waiting for the queue alarm to restart the worker and flush');
    await worker.waitRunning(60_000);
    for (const target of targets) await ctx.backend.waitForCount(target.service, 1, 45_000);
    worker.detach();

    const counted = ctx.backend.counted();
    const ids = counted.map((r) => r.id);
    check(new Set(ids).size === ids.length, `a report id was counted twice: ${ids}`);
    check(counted.length === targets.length, `exactly ${targets.length} reports must be counted, got ${counted.length}`);
    for (const target of targets) {
      check(counted.some((r) => r.service === target.service && r.source === 'manual'), `no counted manual report for ${target.service}`);
    }
    await waitFor('the queue to be empty', async () =>
      (await ext.send('popup/getState', { tabId: targets[0].tabId, fresh: false })).queued === 0, { timeout: 5_000 });
  },
};
