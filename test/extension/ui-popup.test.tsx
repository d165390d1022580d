import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { popupState, detail } from './uiFixtures.ts';
import { mount, settle, unmount } from './uiRender.tsx';
import type { PopupState } from '../../src/core/messages.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { Popup } = await import('../../src/popup/Popup.tsx');
const { currentTabId } = await import('../../src/popup/currentTab.ts');

function answerState(state: PopupState | ((fresh: boolean) => PopupState | Promise<PopupState>)) {
  fakeBrowser.handlers['popup/getState'] = ({ fresh }: { fresh: boolean }) => (typeof state === 'function' ? state(fresh) : state);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const text = (root: Element) => root.textContent ?? '';

describe('popup', () => {
  beforeEach(resetFakeBrowser);
  afterEach(unmount);

  it('asks the background for the cached state first, then a fresh one, for the current tab', async () => {
    answerState(popupState());
    await mount(<Popup tabId={7} />);
    expect(sentMessages().filter((m) => m.type === 'popup/getState').map((m) => m.payload)).toEqual([
      { tabId: 7, fresh: false },
      { tabId: 7, fresh: true },
    ]);
  });

  it('shows the service, its level as text and the last 15 minutes against the baseline', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('h1')?.textContent).toBe('X');
    const badge = root.querySelector('.level-line [data-level]');
    expect(badge?.getAttribute('data-level')).toBe('outage');
    expect(badge?.textContent).toContain('Outage');
    const count = root.querySelector('[data-testid="count"]')!;
    expect(count.textContent).toContain('Reports in the last 15 minutes: 3,665');
    expect(count.textContent).toContain('Usual at this time: about 10');
  });

  it('draws the reports chart with its text summary', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    const svg = root.querySelector('svg[role="img"]')!;
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(svg.querySelector(`#${titleId}`)?.textContent).toBe('Reports for X, last 6 hours');
    expect(svg.querySelector(`#${descId}`)?.textContent).toMatch(/Highest: 1,300 at /);
  });

  it('lists the top problems and countries of the last hour, with small countries as "other"', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(text(root)).toContain("Feed or timeline won't load");
    expect(text(root)).toContain('900');
    expect(text(root)).toContain('Bangladesh');
    expect(text(root)).toContain('Other countries');
  });

  it("says what this browser saw and that the signals point at the service", async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-signal="banner"]')?.textContent).toBe('3 error banners on X in the last 10 minutes');
    expect(root.querySelector('[data-verdict]')?.textContent).toBe('Probably not: the problems point at X, not at your connection.');
  });

  it("says it looks like the user's own connection when the verdict is own_connection", async () => {
    answerState(popupState({ verdict: 'own_connection', ownSignals: [{ signal: 'net_error', count: 1, lastAt: 0 }] }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-verdict]')?.textContent).toContain('It looks like your own connection, not X');
    expect(root.querySelector('[data-signal="net_error"]')?.textContent).toBe('1 network error on X in the last 10 minutes');
  });

  it('says once, through the verdict, that this browser saw nothing when there are no signals', async () => {
    answerState(popupState({ verdict: 'none', ownSignals: [] }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-verdict]')?.textContent).toBe('This browser saw nothing wrong. If X fails for you, report it above.');
    expect(text(root)).not.toContain('in the last 10 minutes');
  });

  it('shows what is down elsewhere, or says nothing is', async () => {
    answerState(popupState());
    let root = await mount(<Popup tabId={7} />);
    const reddit = root.querySelector('[data-service="reddit"]')!;
    expect(reddit.textContent).toContain('Reddit');
    expect(reddit.textContent).toContain('Possible problems');
    expect(reddit.textContent).toContain('Reports: 57');
    answerState(popupState({ elsewhere: [] }));
    root = await mount(<Popup tabId={7} />);
    expect(text(root)).toContain('No other service has problems right now.');
  });

  it('renders the cached state at once and replaces it with the fresh one', async () => {
    const fresh = deferred<PopupState>();
    answerState((isFresh) => (isFresh ? fresh.promise : popupState({ detail: detail({ count: 5 }) })));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('Reports in the last 15 minutes: 5');
    expect(root.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
    fresh.resolve(popupState({ detail: detail({ count: 77 }) }));
    await settle();
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('Reports in the last 15 minutes: 77');
    expect(root.querySelector('main')?.getAttribute('aria-busy')).toBe('false');
  });

  it('never lets a late cached answer overwrite the fresh one', async () => {
    const cached = deferred<PopupState>();
    answerState((isFresh) => (isFresh ? popupState({ detail: detail({ count: 77 }) }) : cached.promise));
    const root = await mount(<Popup tabId={7} />);
    cached.resolve(popupState({ detail: detail({ count: 5 }) }));
    await settle();
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('Reports in the last 15 minutes: 77');
  });

  it('explains a tab with no reportable service and offers no report button', async () => {
    answerState(popupState({ service: null, serviceName: null, detail: null, ownSignals: [], verdict: 'none' }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="no-service"]')?.textContent).toContain('This tab has no website that can be reported.');
    expect(root.querySelector('.report-button')).toBeNull();
    expect(root.querySelector('h1')?.textContent).toBe('Downwatch');
  });

  it('says when the server is unreachable and still offers the report button', async () => {
    answerState(popupState({ serverUnreachable: true, queued: 2 }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="unreachable"]')?.textContent).toContain("Can't reach the Downwatch server");
    expect(text(root)).toContain('Reports waiting to be sent: 2');
    expect(root.querySelector('.report-button')).not.toBeNull();
  });

  it('says when there are no figures yet for a site and when the user switched the service off', async () => {
    answerState(popupState({ service: 'example.com', serviceName: 'example.com', detail: null, serviceEnabled: false }));
    const root = await mount(<Popup tabId={7} />);
    expect(text(root)).toContain('No figures for example.com yet.');
    expect(text(root)).toContain('Downwatch is not watching example.com: you can switch it on in the settings.');
  });

  it('shows an error instead of hanging when the background does not answer', async () => {
    const root = await mount(<Popup tabId={7} />);
    expect(text(root)).toContain('Could not load:');
  });

  it('uses Bengali text and digits in the bn locale', async () => {
    fakeBrowser.locale = 'bn';
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('গত ১৫ মিনিটে রিপোর্ট: ৩,৬৬৫');
    expect(root.querySelector('.level-line [data-level]')?.textContent).toContain('অচল');
  });
});

describe('currentTabId', () => {
  beforeEach(resetFakeBrowser);

  it('is the active tab of the current window', async () => {
    expect(await currentTabId('')).toBe(7);
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('can be given as ?tabId= when the popup page is opened in a tab of its own', async () => {
    expect(await currentTabId('?tabId=42')).toBe(42);
    expect(fakeBrowser.tabs.query).not.toHaveBeenCalled();
  });
});
