// Chromium with the built extension (playwright-core over /usr/bin/chromium),
// a fresh profile per launch, and the few things tests do to the extension:
// find its id, open pages as tabs whose tab id is known, open the popup for a
// tab, talk to the background through its typed messages, read the badge, and
// stop the MV3 service worker through CDP.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { catalogService } from '../../../src/core/catalog.ts';
import { OPTIONAL_SERVICES, requestPatterns } from '../../../src/core/hostPatterns.ts';
import { waitFor } from './wait.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);

export async function launchExtension({ extDir, profileDir, hostRules, lang, log = () => {} }) {
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
    // Lets the test press the toolbar button (CDP Extensions.triggerAction over Playwright's pipe).
    '--enable-unsafe-extension-debugging',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    `--host-resolver-rules=${hostRules}`,
  ];
  if (lang) args.push(`--lang=${lang}`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1000, height: 800 },
    args,
    env: lang ? { ...process.env, LANGUAGE: lang, LANG: `${lang}_BD.UTF-8` } : process.env,
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const id = new URL(worker.url()).host;
  log(`chromium: extension ${id} loaded${lang ? ` (lang ${lang})` : ''}`);
  return new ExtensionBrowser(context, id, log);
}

class ExtensionBrowser {
  constructor(context, id, log) {
    this.context = context;
    this.id = id;
    this.log = log;
    this.probePage = null;
  }

  url(path) {
    return `chrome-extension://${this.id}/${path}`;
  }

  /** An extension page kept open to call extension APIs and send messages from. */
  async probe() {
    if (this.probePage && !this.probePage.isClosed()) return this.probePage;
    this.probePage = await this.context.newPage();
    // The manifest viewed as a page: an extension-origin document that runs no UI code.
    await this.probePage.goto(this.url('manifest.json'));
    return this.probePage;
  }

  async evalExt(fn, arg) {
    return (await this.probe()).evaluate(fn, arg);
  }

  /** Sends a typed UiToBackground message ({ type, payload }) and returns the background's answer. */
  async send(type, payload = {}) {
    return this.evalExt((message) => chrome.runtime.sendMessage(message), { type, payload });
  }

  async tabIds() {
    return this.evalExt(() => chrome.tabs.query({}).then((tabs) => tabs.map((t) => t.id)));
  }

  /** Opens `url` in a new tab and returns the Playwright page with the browser's tab id for it. */
  async openTab(url, { waitUntil = 'load' } = {}) {
    const before = new Set(await this.tabIds());
    const page = await this.context.newPage();
    const tabId = await waitFor('the new tab to get an id', async () => {
      const fresh = (await this.tabIds()).filter((tabId) => !before.has(tabId));
      return fresh.length === 1 ? fresh[0] : undefined;
    }, { timeout: 5_000, interval: 50 });
    if (url) await page.goto(url, { waitUntil }).catch((error) => {
      // Navigations that are meant to fail (refused, not resolved) still leave a tab to test.
      this.log(`navigation to ${url} failed: ${error.message.split('\n')[0]}`);
    });
    return { page, tabId };
  }

  /**
   * Presses the extension's toolbar button on the tab showing `page`, as a
   * user does: Chromium then grants `activeTab` for that tab, which is how
   * the extension may learn the address of a site outside its host
   * permissions. (Headless Chromium opens the real popup off-screen; the test
   * then opens the popup page targeted at the tab to read and click it.)
   */
  async pressToolbarButton(page) {
    const browser = this.context.browser();
    if (!browser) throw new Error('no browser-level CDP session for the persistent context');
    const session = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === page.url());
      if (tabs.length !== 1) throw new Error(`expected one tab showing ${page.url()}, found ${tabs.length}`);
      await session.send('Extensions.triggerAction', { id: this.id, targetId: tabs[0].targetId });
    } finally {
      await session.detach().catch(() => {});
    }
  }

  /** The popup as a page, targeted at a tab. */
  async openPopup(tabId) {
    const page = await this.context.newPage();
    await page.goto(this.url(`src/popup/index.html?tabId=${tabId}`));
    return page;
  }

  async badge(tabId) {
    return this.evalExt(async (tab) => ({
      text: await chrome.action.getBadgeText({ tabId: tab }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: tab }),
    }), tabId);
  }

  async settings() {
    return this.send('options/getSettings');
  }

  async signalLog() {
    return this.send('options/getSignalLog');
  }

  /** Waits until the local signal log holds `signal` for `service` (blamed on the service unless said otherwise). */
  async waitForSignal(service, signal, { blamed = 'service', timeout = 10_000, interval = 150 } = {}) {
    return waitFor(`signal ${signal} for ${service} (blamed on ${blamed}) in the signal log`, async () => {
      const log = await this.signalLog();
      return log.find((e) => e.service === service && e.signal === signal && e.blamed === blamed);
    }, { timeout, interval });
  }

  /** The first-run page, opened by the extension on install. */
  async welcomePage(timeout = 10_000) {
    const isWelcome = (p) => p.url().startsWith(this.url('src/options/welcome.html'));
    const open = this.context.pages().find(isWelcome);
    if (open) return open;
    return this.context.waitForEvent('page', { predicate: isWelcome, timeout });
  }

  /** Answers the first-run page the way a user does: one button press. */
  async answerConsent(buttonName) {
    const page = await this.welcomePage();
    const wantOn = buttonName === 'Turn on automatic reports';
    if (!wantOn && buttonName !== 'Not now') throw new Error(`answerConsent: no first-run button "${buttonName}"`);
    // By test id: the buttons' names are in the browser's UI language.
    await page.getByTestId(wantOn ? 'welcome-on' : 'welcome-off').click();
    await waitFor(`settings to record the consent answer "${buttonName}"`, async () => {
      const s = await this.settings();
      return s.consentAnswered && s.autoReport === wantOn;
    });
    return page;
  }

  /**
   * Stops the extension's service worker through CDP and waits until it is
   * reported stopped. Returns a function that waits until it runs again.
   */
  async stopServiceWorker() {
    const page = await this.probe();
    const cdp = await this.context.newCDPSession(page);
    const versions = new Map();
    const listeners = new Set();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
      for (const v of list) {
        if (!v.scriptURL.startsWith(this.url(''))) continue;
        versions.set(v.versionId, v.runningStatus);
        for (const l of listeners) l();
      }
    });
    await cdp.send('ServiceWorker.enable');
    const status = (want) => [...versions.values()].includes(want);
    await waitFor('the extension service worker to be seen running', () => status('running') || status('starting'), { timeout: 5_000 });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor('the extension service worker to stop', () => [...versions.values()].every((s) => s === 'stopped'), { timeout: 10_000, interval: 50 });
    this.log('chromium: service worker stopped through CDP');
    return {
      waitRunning: (timeout = 15_000) =>
        waitFor('the extension service worker to run again', () => status('running'), { timeout, interval: 50 }),
      detach: () => cdp.detach().catch(() => {}),
    };
  }

  /** The ids of the content scripts the background registered at run time (services granted later). */
  async registeredContentScripts() {
    return this.evalExt(() => chrome.scripting.getRegisteredContentScripts().then((scripts) => scripts.map((s) => s.id)));
  }

  async hostsGranted(serviceId) {
    return this.evalExt((origins) => chrome.permissions.contains({ origins }), requestPatterns(catalogService(serviceId)));
  }

  /**
   * Grants an optional service's hosts the way a user can without the
   * permission prompt (which Playwright cannot click): first the site access
   * on chrome://extensions (the page's own developerPrivate call behind "Site
   * access → add a site"), which Chromium keeps as granted by the user; then
   * the click on "Watch for problems" in the options, whose
   * permissions.request Chromium then resolves without a prompt. Waits until
   * the background has registered the service's content script.
   */
  async grantService(serviceId) {
    const service = catalogService(serviceId);
    const extensionsPage = await this.context.newPage();
    try {
      await extensionsPage.goto(`chrome://extensions/?id=${this.id}`);
      for (const pattern of requestPatterns(service)) {
        await extensionsPage.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [this.id, pattern]);
      }
    } finally {
      await extensionsPage.close();
    }
    const options = await this.context.newPage();
    await options.goto(this.url('src/options/index.html'));
    await options.getByRole('checkbox', { name: `Watch ${service.name} for problems` }).click();
    await waitFor(`the content script of ${serviceId} to be registered`, async () => (await this.registeredContentScripts()).includes(`downwatch-${serviceId}`));
    this.log(`chromium: ${serviceId} granted (site access + Watch switched on), content script registered`);
    return options;
  }

  /** Grants every optional catalog service (see grantService). */
  async grantOptionalServices() {
    for (const service of OPTIONAL_SERVICES) await (await this.grantService(service.id)).close();
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}
