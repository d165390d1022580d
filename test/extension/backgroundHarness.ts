// Boots the real background (src/background/main.ts) over a fake browser and a
// fake backend. `restart()` is a stopped-and-woken service worker: a fresh
// module instance (no memory carried over) over the same storage and alarms.
import { vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createBrowserState, createFakeBackend, createFakeBrowser, EXTENSION_BASE, EXTENSION_ID, type FakeBrowser } from './backgroundFakes.ts';

export const T0 = 1_764_377_000_000;

/** A test sender: only the fields the background reads (a real `Tab` has many more). */
const asSender = (sender: object) => sender as Runtime.MessageSender;

export const popupSender = asSender({ id: EXTENSION_ID, url: `${EXTENSION_BASE}src/popup/index.html` });
export const optionsSender = asSender({
  id: EXTENSION_ID,
  url: `${EXTENSION_BASE}src/options/index.html`,
  tab: { id: 50, url: `${EXTENSION_BASE}src/options/index.html` },
});
export function pageSender(url: string, tabId = 1, frameId = 0): Runtime.MessageSender {
  return asSender({ id: EXTENSION_ID, url, frameId, tab: { id: tabId, url } });
}

export function createHarness() {
  const state = createBrowserState();
  const { backend, fetch } = createFakeBackend();
  let browser: FakeBrowser;

  async function restart(): Promise<FakeBrowser> {
    vi.resetModules();
    browser = createFakeBrowser(state);
    (globalThis as { __fakeBrowser?: FakeBrowser }).__fakeBrowser = browser;
    // The wake-up's own work (queue flush, alarms) is done when `started` settles.
    await (await import('../../src/background/main.ts')).started;
    return browser;
  }

  /** Sends a message the way `runtime.sendMessage` would and returns the answer (or throws its error). */
  async function send(message: unknown, sender: object): Promise<any> {
    const [answer] = await browser.runtime.onMessage.fire(message, sender);
    return answer;
  }

  /** Fires the alarm and waits for the work its listener started. */
  async function fireAlarm(name: string): Promise<void> {
    await browser.alarms.onAlarm.fire({ name, scheduledTime: Date.now() });
  }

  function advance(ms: number): void {
    vi.setSystemTime(Date.now() + ms);
  }

  return {
    state,
    backend,
    fetch,
    restart,
    send,
    fireAlarm,
    advance,
    get browser() {
      return browser;
    },
  };
}
export type Harness = ReturnType<typeof createHarness>;

/** Common set-up: fake Date (real timers), stubbed fetch, the worker booted. */
export async function bootHarness(): Promise<Harness> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  const harness = createHarness();
  vi.stubGlobal('fetch', harness.fetch);
  await harness.restart();
  return harness;
}

export function teardownHarness(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
}
