// docs/incidents.md: the popup's states as people meet them — an outage, the
// same incident recovering, a calm day, the server unreachable, a server still
// learning, another service opened from "Down elsewhere" — in English and
// Bengali, each fitting 600 px with no text under 13 px and no axe-core
// violation, Bengali in the bundled font. Figures come from a backend speaking
// the wire contract (lib/contract-backend.mjs), so each state is exact.
import { startContractBackend } from '../lib/contract-backend.mjs';
import { contractState } from '../lib/contract-figures.mjs';
import { PORTS } from '../lib/context.mjs';
import { localeMessages } from '../lib/expect.mjs';
import { PAGE_HOST } from '../lib/hosts.mjs';
import { checkBengaliFont, checkPopup, openPopupAt } from '../lib/popup-checks.mjs';
import { check, waitFor } from '../lib/wait.mjs';

const STATES = {
  outage: { level: 'outage', sinceMinutesAgo: 50 },
  recovering: { level: 'recovering', sinceMinutesAgo: 150 },
  ok: { level: 'ok' },
  'new-server': { level: 'ok', learning: true },
};

export default {
  id: 16,
  name: 'popup states (outage, recovering, ok, offline, new server, another service) in en and bn: ≤ 600 px, axe clean, bundled Bengali font',
  backend: false,
  timeout: 240_000,
  async run(ctx) {
    const now = Date.now();
    const state = contractState(now, STATES.outage);
    let backend = await startContractBackend({ port: PORTS.backend, state, log: ctx.log });
    ctx.onCleanup(() => backend.close());
    const problems = [];

    for (const lang of ['en', 'bn']) {
      const msg = localeMessages(ctx.extDir, lang);
      const ext = await ctx.launch(lang === 'bn' ? { lang } : {});
      await ext.answerConsent('Not now');
      const { tabId } = await ext.openTab(`https://${PAGE_HOST.x}/home`);
      const shot = async (page, name) => {
        await checkPopup(page, `${name} (${lang})`, ctx.artifact(`popup-${name}-${lang}.png`), problems, ctx);
      };

      for (const [name, xState] of Object.entries(STATES)) {
        Object.assign(state, contractState(now, xState));
        await ext.send('options/clearData', {});
        const popup = await openPopupAt(ext, tabId);
        await popup.locator(`.verdict[data-level="${xState.level}"]`).waitFor();
        await popup.locator('main[aria-busy="false"]').waitFor();
        if (name === 'recovering') {
          const since = await popup.getByTestId('since').textContent();
          const start = await popup.evaluate((t) => new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { hour: 'numeric', minute: '2-digit', hour12: chrome.i18n.getUILanguage().startsWith('bn') ? false : undefined }).format(t), state.status.services[0].since);
          check(since.includes(start), `recovering must keep the incident's start ${start}, shows "${since}"`);
        }
        if (name === 'new-server') await popup.getByTestId('chart-learning').waitFor();
        if (lang === 'bn') await checkBengaliFont(popup);
        await shot(popup, name);
        if (name === 'outage') {
          // Another service, opened from "Down elsewhere".
          await popup.getByTestId('more').click();
          await popup.locator('[data-service="facebook"]').click();
          await popup.locator('h1', { hasText: 'Facebook' }).waitFor();
          await popup.locator('.verdict[data-level="outage"]').waitFor();
          await shot(popup, 'other-site');
        }
        await popup.close();
      }

      // Offline: the outage's figures are cached, then the server goes away.
      Object.assign(state, contractState(now, STATES.outage));
      await ext.send('options/clearData', {});
      const first = await openPopupAt(ext, tabId);
      await first.locator('.verdict[data-level="outage"]').waitFor();
      await first.close();
      await backend.close();
      // The cache asks the server again once its figures are 15 s old: reopen until the popup says it can't.
      const offline = await openPopupAt(ext, tabId);
      await waitFor('the popup to say the server is unreachable', async () => {
        if (await offline.getByTestId('unreachable').count()) return true;
        await offline.reload();
        await offline.locator('main[aria-busy="false"]').waitFor();
        return (await offline.getByTestId('unreachable').count()) > 0;
      }, { timeout: 40_000, interval: 2_000 });
      const notice = await offline.getByTestId('unreachable').textContent();
      check(notice.includes(msg('offlineServer', `127.0.0.1:${PORTS.backend}`)), `the offline notice must name the server: ${notice}`);
      check((await offline.getByTestId('age').textContent()).length > 0, 'the offline notice must give the figures\' age');
      check(await offline.locator('.verdict[data-level="outage"]').count() === 1, 'the last known verdict must stay on screen offline');
      await shot(offline, 'offline');
      await offline.getByTestId('more').click();
      await offline.getByTestId('elsewhere-unknown').waitFor();
      backend = await startContractBackend({ port: PORTS.backend, state, log: ctx.log });
      await offline.getByRole('button', { name: msg('backTo', 'X') }).click();
      await offline.getByTestId('retry').click();
      await waitFor('Retry to reach the server again', async () => (await offline.getByTestId('unreachable').count()) === 0);
      await ext.close();
    }
    if (problems.length) throw new Error(`popup checks:\n- ${problems.join('\n- ')}`);
  },
};
