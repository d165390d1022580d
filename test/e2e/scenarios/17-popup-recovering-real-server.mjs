// docs/incidents.md: while an incident recovers, the popup still dates it
// from its start, not from the step down. The real server (the demo's seed
// X outage, 70 minutes in: the reports have fallen back) answers
// `recovering`; the popup's verdict and the chart's start marker both show
// the incident's start and the verdict its peak.
import { PORTS } from '../lib/context.mjs';
import { startDemoServer } from '../lib/demo-server.mjs';
import { localeMessages } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { checkPopup, openPopupAt } from '../lib/popup-checks.mjs';
import { check } from '../lib/wait.mjs';

export default {
  id: 17,
  name: 'real server, X recovering 70 minutes into the seed outage: the popup keeps the incident\'s start (verdict and chart) and shows the peak',
  backend: false,
  timeout: 240_000,
  async run(ctx) {
    const demo = await startDemoServer({ port: PORTS.backend, minutesIn: 70, log: ctx.log });
    ctx.onCleanup(() => demo.stop());
    const status = (await (await fetch(`http://127.0.0.1:${PORTS.backend}/v1/status`)).json()).services.find((s) => s.id === 'x');
    ctx.log(`server: x ${status.level} since ${new Date(status.since).toISOString()} peak ${JSON.stringify(status.peak)}`);
    check(status.level === 'recovering', `the server should call X recovering 70 minutes in, says ${status.level}`);
    check(Date.now() - status.since > 60 * 60_000, `since must be the incident's start (over an hour ago), is ${new Date(status.since).toISOString()}`);

    const msg = localeMessages(ctx.extDir, 'en');
    const ext = await ctx.launch();
    await ext.answerConsent('Not now');
    const { tabId } = await ext.openTab(`https://${PAGE_HOST.x}/home`);
    const popup = await openPopupAt(ext, tabId);
    await popup.locator('.verdict[data-level="recovering"]').waitFor();
    const start = await popup.evaluate((t) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(t), status.since);
    const since = await popup.getByTestId('since').textContent();
    check(since.includes(msg('verdictSince', start)), `the verdict must date the incident from ${start}, says "${since}"`);
    const figures = await popup.getByTestId('count').textContent();
    check(figures.includes(msg('verdictPeak', status.peak.count.toLocaleString('en'))), `the verdict must give the peak ${status.peak.count}: "${figures}"`);
    const marker = await popup.locator('.chart-start text').textContent();
    check(marker === start, `the chart's start marker must read ${start}, reads ${marker}`);
    await checkPopup(popup, 'recovering, real server (en)', ctx.artifact('popup-recovering-real-server-en.png'), [], ctx);
  },
};
