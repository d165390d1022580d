import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { popupState, detail } from './uiFixtures.ts';
import { byName, change, click, mount, settle, unmount } from './uiRender.tsx';
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

  it('puts Downwatch\'s mark, the service\'s name and its site in the header', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('header img.mark')?.getAttribute('alt')).toBe('Downwatch');
    expect(root.querySelector('h1')?.textContent).toBe('X');
    expect(root.querySelector('header .site')?.textContent).toBe('x.com');
  });

  it('says the verdict first, as one sentence with the start, the count and the usual', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    const verdict = root.querySelector('main > .verdict')!;
    expect(root.querySelector('main')!.firstElementChild).toBe(verdict);
    expect(verdict.getAttribute('data-level')).toBe('outage');
    expect(verdict.querySelector('.verdict-lead')?.textContent).toBe('✕X is down for many people');
    expect(verdict.querySelector('[data-testid="count"]')?.textContent).toMatch(/^since .+ · 3,665 reports in 15 min \(usually ~10\)$/);
  });

  it('merges "is it just me?" into the verdict', async () => {
    answerState(popupState());
    let root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-you]')?.textContent).toBe('Not just you: this browser saw 3 error banners on X too.');
    answerState(popupState({ verdict: 'own_connection', ownSignals: [{ signal: 'net_error', count: 1, lastAt: 0 }] }));
    root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-you]')?.getAttribute('data-you')).toBe('own_connection');
    answerState(popupState({ detail: detail({ level: 'ok', since: null, peak: null, count: 2 }) }));
    root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-you]')?.textContent).toBe('Only you so far: this browser saw 3 error banners on X. Report it so others know.');
  });

  it('draws the reports chart with its text summary, the whole day one tap away', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    const svg = root.querySelector('svg[role="img"]')!;
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(svg.querySelector(`#${titleId}`)?.textContent).toBe('Reports for X, last 2 hours');
    expect(svg.querySelector(`#${descId}`)?.textContent).toMatch(/Highest: 1,300 at /);
    await click(root.querySelector('[data-testid="chart-range"]'));
    expect(root.querySelector('svg[role="img"] title')?.textContent).toBe('Reports for X, last 24 hours');
  });

  it('lists the top problems first; countries and what this browser saw are in the second view', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-row="feed"]')?.textContent).toBe("Feed or timeline won't load 900");
    expect(text(root)).not.toContain('Bangladesh');
    await click(root.querySelector('[data-testid="more"]'));
    expect(text(root)).toContain('Bangladesh');
    expect(text(root)).toContain('Other countries');
    expect(root.querySelector('[data-signal="banner"]')?.textContent).toBe('3 error banners on X in the last 10 minutes');
  });

  it('opens a service from "Down elsewhere", and any service or domain from the search', async () => {
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="more"]')?.textContent).toBe('Down elsewhere (1) and more ›');
    await click(root.querySelector('[data-testid="more"]'));
    const reddit = root.querySelector('[data-service="reddit"]')!;
    expect(reddit.textContent).toContain('Possible problems');
    expect(reddit.textContent).toContain('57 reports');
    await click(reddit);
    expect(sentMessages().filter((m) => m.type === 'popup/getState').at(-1)?.payload).toEqual({ tabId: 7, fresh: true, service: 'reddit' });
    await click(root.querySelector('[data-testid="search-open"]'));
    expect(document.activeElement?.id).toBe('search-input');
    await change(root.querySelector('#search-input'), 'example.org');
    await click(byName(root, 'button', 'Show'));
    expect(sentMessages().filter((m) => m.type === 'popup/getState').at(-1)?.payload).toEqual({ tabId: 7, fresh: true, service: 'example.org' });
  });

  it('says when a search named nothing, and when nothing is down elsewhere', async () => {
    answerState(popupState({ service: null, serviceName: null, detail: null, lookupFailed: true, elsewhere: [] }));
    const root = await mount(<Popup tabId={7} />);
    expect(text(root)).toContain('No service or site by that name.');
    expect(text(root)).toContain('No other service has problems right now.');
  });

  it('renders the cached state at once and replaces it with the fresh one', async () => {
    const fresh = deferred<PopupState>();
    answerState((isFresh) => (isFresh ? fresh.promise : popupState({ detail: detail({ count: 5 }) })));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('5 reports in 15 min');
    expect(root.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
    fresh.resolve(popupState({ detail: detail({ count: 77 }) }));
    await settle();
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('77 reports in 15 min');
    expect(root.querySelector('main')?.getAttribute('aria-busy')).toBe('false');
  });

  it('never lets a late cached answer overwrite the fresh one', async () => {
    const cached = deferred<PopupState>();
    answerState((isFresh) => (isFresh ? popupState({ detail: detail({ count: 77 }) }) : cached.promise));
    const root = await mount(<Popup tabId={7} />);
    cached.resolve(popupState({ detail: detail({ count: 5 }) }));
    await settle();
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('77 reports in 15 min');
  });

  it('explains a tab with no reportable service and offers no report button', async () => {
    answerState(popupState({ service: null, serviceName: null, detail: null, ownSignals: [], verdict: 'none' }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="no-service"]')?.textContent).toContain('This tab has no website that can be reported.');
    expect(root.querySelector('[data-testid="report-button"]')).toBeNull();
    expect(root.querySelector('h1')?.textContent).toBe('Downwatch');
  });

  it('offline: keeps the last figures with their age, names the server, retries on demand, links the setting, marks elsewhere unknown', async () => {
    answerState(popupState({ serverUnreachable: true, queued: 2, fetchedAt: Date.now() - 12 * 60_000 }));
    const root = await mount(<Popup tabId={7} />);
    const notice = root.querySelector('[data-testid="unreachable"]')!;
    expect(notice.textContent).toContain("Can't reach the server 127.0.0.1:8787.");
    expect(notice.querySelector('[data-testid="age"]')?.textContent).toBe('Figures from 12 minutes ago.');
    expect(notice.textContent).toContain('Reports waiting to be sent: 2');
    expect(root.querySelector('.verdict[data-level="outage"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="report-button"]')).not.toBeNull();
    await click(root.querySelector('[data-testid="retry"]'));
    expect(sentMessages().filter((m) => m.type === 'popup/getState').at(-1)?.payload).toEqual({ tabId: 7, fresh: true, retry: true });
    await click(byName(notice, 'button', 'Server setting'));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    expect(root.querySelector('[data-testid="more"]')?.textContent).toBe('Down elsewhere (?) and more ›');
    await click(root.querySelector('[data-testid="more"]'));
    expect(root.querySelector('[data-testid="elsewhere-unknown"]')?.textContent).toBe("Unknown: the server can't be reached.");
  });

  it('without figures still says what this browser saw', async () => {
    answerState(popupState({ detail: null, verdict: 'own_connection', ownSignals: [{ signal: 'net_error', count: 2, lastAt: 0 }] }));
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('[data-testid="no-figures"]')?.textContent).toBe('No figures for X yet.');
    expect(root.querySelector('[data-you]')?.textContent).toMatch(/^Looks like your connection, not X/);
    answerState(popupState({ detail: null }));
    const again = await mount(<Popup tabId={7} />);
    expect(again.querySelector('[data-you]')?.textContent).toBe('This browser saw 3 error banners on X. Report it so others know.');
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

  it('uses Bengali text and digits in the bn locale, with no English', async () => {
    fakeBrowser.locale = 'bn';
    answerState(popupState());
    const root = await mount(<Popup tabId={7} />);
    expect(root.querySelector('.verdict-lead')?.textContent).toBe('✕অনেকের জন্য X কাজ করছে না');
    expect(root.querySelector('[data-testid="count"]')?.textContent).toContain('১৫ মিনিটে ৩,৬৬৫টি রিপোর্ট');
    // Latin letters only in names and addresses: the service, its site.
    const latin = text(root).replace(/x\.com/g, '').replace(/X/g, '').match(/[A-Za-z]+/g);
    expect(latin).toBeNull();
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
