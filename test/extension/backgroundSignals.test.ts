// Signals in the real background: webRequest failures on catalog hosts, page
// signals from the content script, the logout window, "is it just me?", and
// the automatic reports they lead to (only with consent, at most one per 15 min).
import { bootHarness, pageSender, popupSender, teardownHarness, type Harness } from './backgroundHarness.ts';

vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_target, key) => (globalThis as any).__fakeBrowser[key] }),
}));

let h: Harness;
beforeEach(async () => {
  h = await bootHarness();
  h.state.tabs.set(1, { id: 1, url: 'https://x.com/home' });
});
afterEach(teardownHarness);

const xPage = pageSender('https://x.com/home');
const banner = () => h.send({ type: 'content/signal', payload: { service: 'x', signal: 'banner', ruleId: 'x.banner.reload' } }, xPage);
const consent = () => h.send({ type: 'options/saveSettings', payload: { autoReport: true, consentAnswered: true } }, popupSender);
const signals = (service = 'x') => ((h.state.storage.get('signals') as Record<string, { signal: string; detail: string }[]>) ?? {})[service] ?? [];

// `fire` resolves when the background's listeners have finished their work.
async function requestError(url: string, error: string, type = 'xmlhttprequest', origin: object = {}) {
  await h.browser.webRequest.onErrorOccurred.fire({ url, error, type, timeStamp: Date.now(), tabId: 1, ...origin });
}
async function requestCompleted(url: string, statusCode: number, type = 'xmlhttprequest', origin: object = {}) {
  await h.browser.webRequest.onCompleted.fire({ url, statusCode, type, timeStamp: Date.now(), tabId: 1, ...origin });
}

describe('webRequest signals', () => {
  test('listeners are registered only for the catalog hosts (no <all_urls>)', () => {
    const { filter } = h.browser.webRequest.onErrorOccurred.listeners[0] as { filter: { urls: string[] } };
    expect(filter.urls).toContain('*://*.twimg.com/*');
    expect(filter.urls).not.toContain('<all_urls>');
    expect(filter.urls.every((u) => /^\*:\/\/\*\.[a-z0-9.-]+\/\*$/.test(u))).toBe(true);
  });

  test('a 5xx from an API host counts for its service, with only the status code kept', async () => {
    await requestCompleted('https://abs.twimg.com/some/path?secret=1', 503);
    expect(signals()).toEqual([expect.objectContaining({ signal: 'http_5xx', detail: '503' })]);
  });

  test('4xx answers are not signals', async () => {
    await requestCompleted('https://x.com/i/api/graphql', 404);
    expect(signals()).toEqual([]);
  });

  test('aborted and blocked-by-client requests are ignored', async () => {
    await requestError('https://x.com/i/api/1', 'net::ERR_ABORTED');
    await requestError('https://ads.twimg.com/x.js', 'net::ERR_BLOCKED_BY_CLIENT');
    expect(signals()).toEqual([]);
  });

  test('a connection failure is a net_error; on a top-level navigation it is a page_error', async () => {
    await requestError('https://api.x.com/1.1/x.json', 'net::ERR_CONNECTION_RESET');
    h.advance(5_000);
    await requestError('https://www.reddit.com/', 'net::ERR_NAME_NOT_RESOLVED', 'main_frame');
    expect(signals()).toEqual([expect.objectContaining({ signal: 'net_error', detail: 'net::ERR_CONNECTION_RESET' })]);
    expect(signals('reddit')).toEqual([expect.objectContaining({ signal: 'page_error', detail: 'net::ERR_NAME_NOT_RESOLVED' })]);
  });

  test('another site’s page embedding failing X resources raises nothing and reports nothing (docs/privacy-and-trust.md)', async () => {
    await consent();
    h.state.tabs.set(2, { id: 2, url: 'https://news.example.co.uk/' });
    for (let i = 0; i < 6; i++) {
      h.advance(2_500);
      await requestError(`https://e2e-dead.twimg.com/f${i}`, 'net::ERR_NAME_NOT_RESOLVED', 'sub_frame', { tabId: 2, initiator: 'https://news.example.co.uk' });
      await requestCompleted(`https://abs.twimg.com/i${i}`, 503, 'image', { tabId: 2, documentUrl: 'https://news.example.co.uk/' });
      // An iframe of the foreign page inside an X tab does not speak for X either.
      await requestError(`https://e2e-dead.twimg.com/g${i}`, 'net::ERR_NAME_NOT_RESOLVED', 'sub_frame', { tabId: 1, initiator: 'https://ads.example.net' });
      // Without a named document, the foreign tab decides.
      await requestCompleted(`https://api.x.com/j${i}`, 502, 'xmlhttprequest', { tabId: 2 });
    }
    expect(signals()).toEqual([]);
    expect(h.backend.posts).toEqual([]);
  });

  test('the same failures made by X’s own page count and report', async () => {
    await consent();
    for (let i = 0; i < 4; i++) {
      h.advance(2_500);
      await requestError(`https://e2e-dead.twimg.com/f${i}`, 'net::ERR_NAME_NOT_RESOLVED', 'sub_frame', { tabId: 1, initiator: 'https://x.com' });
    }
    expect(signals()).toHaveLength(4);
    expect(h.backend.posts.flat()).toEqual([expect.objectContaining({ service: 'x', source: 'auto', signals: ['net_error'] })]);
  });

  test('signals survive a worker restart', async () => {
    await requestCompleted('https://x.com/i/api/2', 502);
    await h.restart();
    const state = await h.send({ type: 'popup/getState', payload: { tabId: 1, fresh: false } }, popupSender);
    expect(state.ownSignals).toEqual([{ signal: 'http_5xx', count: 1, lastAt: expect.any(Number) }]);
  });

  test('signals of a service the user switched off are not recorded', async () => {
    await h.send({ type: 'options/saveSettings', payload: { disabledServices: ['x'] } }, popupSender);
    await requestCompleted('https://x.com/i/api/2', 500);
    await banner();
    expect(signals()).toEqual([]);
  });
});

describe('is it just me?', () => {
  test('a connection failure while the backend is unreachable too is blamed on the own connection', async () => {
    h.backend.up = false;
    await requestError('https://api.x.com/1', 'net::ERR_CONNECTION_TIMED_OUT');
    const log = await h.send({ type: 'options/getSignalLog', payload: {} }, popupSender);
    expect(log).toEqual([expect.objectContaining({ service: 'x', signal: 'net_error', blamed: 'own_connection' })]);
    const state = await h.send({ type: 'popup/getState', payload: { tabId: 1, fresh: false } }, popupSender);
    expect(state.verdict).toBe('own_connection');
  });

  test('a connection failure while the backend answers is blamed on the service', async () => {
    await requestError('https://api.x.com/1', 'net::ERR_CONNECTION_TIMED_OUT');
    expect(h.backend.healthRequests).toBe(1);
    const state = await h.send({ type: 'popup/getState', payload: { tabId: 1, fresh: false } }, popupSender);
    expect(state.verdict).toBe('service');
  });

  test('a burst of failures probes the backend at most once per 30 seconds', async () => {
    for (let i = 0; i < 5; i++) {
      await requestError(`https://api.x.com/${i}`, 'net::ERR_CONNECTION_RESET');
      h.advance(3_000);
    }
    expect(h.backend.healthRequests).toBe(1);
  });
});

describe('automatic reports', () => {
  test('with consent, signals passing the threshold send one auto report with the signal kinds', async () => {
    await consent();
    await banner();
    expect(h.backend.posts).toHaveLength(1); // the site's own error banner is enough evidence
    h.advance(30_000);
    await banner();
    expect(h.backend.posts).toHaveLength(1); // still one report in the 15-minute window
    expect(h.backend.posts[0]![0]).toMatchObject({ service: 'x', source: 'auto', signals: ['banner'], problem: 'website' });
  });

  test('without consent nothing is sent automatically', async () => {
    for (let i = 0; i < 4; i++) {
      await banner();
      h.advance(20_000);
    }
    expect(h.backend.posts).toHaveLength(0);
  });

  test('at most one automatic report per service per 15 minutes, even across restarts', async () => {
    await consent();
    await banner();
    h.advance(30_000);
    await banner();
    await h.restart();
    for (let i = 0; i < 4; i++) {
      h.advance(60_000);
      await banner();
      h.advance(30_000);
      await banner();
    }
    expect(h.backend.posts).toHaveLength(1);
    h.advance(15 * 60_000);
    await banner();
    h.advance(30_000);
    await banner();
    expect(h.backend.posts).toHaveLength(2);
  });

  test('signals blamed on the own connection do not send a report', async () => {
    await consent();
    h.backend.up = false; // the probe fails: unrelated host down in the same minute
    await requestError('https://api.x.com/1', 'net::ERR_CONNECTION_RESET');
    await banner();
    h.advance(30_000);
    await banner();
    expect(h.state.storage.get('queue') ?? []).toEqual([]);
  });
});

describe('logout signal', () => {
  const wall = () => h.send({ type: 'content/signal', payload: { service: 'x', signal: 'logout', ruleId: 'x.logout' } }, xPage);

  test('a login wall within hours of being seen logged in is a logout signal', async () => {
    await h.send({ type: 'content/loggedIn', payload: { service: 'x' } }, xPage);
    h.advance(60 * 60_000);
    expect(await wall()).toEqual({ recorded: true });
    expect(signals()).toEqual([expect.objectContaining({ signal: 'logout' })]);
  });

  test('not after the user clicked the site’s log-out control', async () => {
    await h.send({ type: 'content/loggedIn', payload: { service: 'x' } }, xPage);
    h.advance(60_000);
    await h.send({ type: 'content/logoutClicked', payload: { service: 'x' } }, xPage);
    h.advance(5_000);
    expect(await wall()).toEqual({ recorded: false });
  });

  test('a confirmed unexpected logout sends an automatic login report, like a banner', async () => {
    await consent();
    await h.send({ type: 'content/loggedIn', payload: { service: 'x' } }, xPage);
    h.advance(10 * 60_000);
    expect(await wall()).toEqual({ recorded: true });
    expect(h.backend.posts.flat()).toEqual([expect.objectContaining({ service: 'x', source: 'auto', problem: 'login', signals: ['logout'] })]);
  });

  test('a deliberate logout (log-out click, then the wall, again and again) never reports', async () => {
    await consent();
    await h.send({ type: 'content/loggedIn', payload: { service: 'x' } }, xPage);
    h.advance(60_000);
    await h.send({ type: 'content/logoutClicked', payload: { service: 'x' } }, xPage);
    for (let i = 0; i < 3; i++) {
      h.advance(5_000);
      expect(await wall()).toEqual({ recorded: false });
    }
    expect(h.backend.posts).toEqual([]);
    expect(h.state.storage.get('queue') ?? []).toEqual([]);
  });

  test('not without having been seen logged in recently', async () => {
    await h.send({ type: 'content/loggedIn', payload: { service: 'x' } }, xPage);
    h.advance(7 * 60 * 60_000);
    expect(await wall()).toEqual({ recorded: false });
    expect(signals()).toEqual([]);
  });
});

describe('manual reports', () => {
  const report = () => h.send({ type: 'popup/report', payload: { tabId: 1, problem: 'feed' } }, popupSender);

  test('carry the kinds of signal seen for the service in the last 10 minutes', async () => {
    await requestCompleted('https://x.com/i/api/1', 503);
    h.advance(3_000);
    await banner();
    h.advance(3_000);
    await banner();
    expect(await report()).toEqual({ outcome: 'counted' });
    expect(h.backend.posts[0]![0]).toMatchObject({ service: 'x', source: 'manual', problem: 'feed', signals: ['http_5xx', 'banner'] });
  });

  test('leave out signals explained by the user’s own connection', async () => {
    h.backend.up = false;
    await requestError('https://api.x.com/1', 'net::ERR_CONNECTION_RESET');
    h.backend.up = true;
    h.advance(40_000); // still inside the 10-minute window
    await requestCompleted('https://x.com/i/api/1', 500);
    expect(await report()).toEqual({ outcome: 'counted' });
    expect(h.backend.posts[0]![0]!.signals).toEqual(['http_5xx']);
  });
});
