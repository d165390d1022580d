// The background's message handling and cached server data: sender checks,
// popup state from cache, status polling with ETag, rule pack refresh,
// outage notifications, settings repair and the first-run page.
import { readFileSync } from 'node:fs';
import type { Runtime } from 'webextension-polyfill';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { signPackText } from '../../src/core/rules/packSignature.ts';
import { contentSenderService, isExtensionPageSender } from '../../src/background/senders.ts';
import { EXTENSION_BASE, EXTENSION_ID } from './backgroundFakes.ts';
import { bootHarness, optionsSender, pageSender, popupSender, T0, teardownHarness, type Harness } from './backgroundHarness.ts';

vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_target, key) => (globalThis as any).__fakeBrowser[key] }),
}));

let h: Harness;
beforeEach(async () => {
  h = await bootHarness();
  h.state.tabs.set(1, { id: 1, url: 'https://x.com/home' });
});
afterEach(teardownHarness);

const getState = (fresh: boolean, tabId = 1) => h.send({ type: 'popup/getState', payload: { tabId, fresh } }, popupSender);
const xStatus = (level: string, count: number, since: number | null) => ({
  generatedAt: Date.now(),
  windowMinutes: 15,
  services: [
    { id: 'x', name: 'X', level, count, baseline: 3, since, peak: since === null ? null : { count, t: since + 60_000 }, learning: false },
    { id: 'reddit', name: 'Reddit', level: 'warning', count: 40, baseline: 5, since: T0, peak: { count: 40, t: T0 + 60_000 }, learning: false },
  ],
});

describe('sender checks', () => {
  test('content messages only from the top frame of a catalog page, about that page’s service', () => {
    expect(contentSenderService(pageSender('https://mobile.twitter.com/home'), EXTENSION_ID)).toBe('x');
    expect(contentSenderService(pageSender('https://web.whatsapp.com/'), EXTENSION_ID)).toBe('whatsapp');
    expect(contentSenderService(pageSender('https://www.whatsapp.com/'), EXTENSION_ID)).toBeUndefined();
    expect(contentSenderService(pageSender('https://evil.example/'), EXTENSION_ID)).toBeUndefined();
    expect(contentSenderService(pageSender('https://x.com/', 1, 4), EXTENSION_ID)).toBeUndefined();
    expect(contentSenderService({ ...pageSender('https://x.com/'), id: 'another-extension' }, EXTENSION_ID)).toBeUndefined();
    expect(contentSenderService({ id: EXTENSION_ID, url: 'https://x.com/' } as Runtime.MessageSender, EXTENSION_ID)).toBeUndefined();
  });

  test('UI messages only from the extension’s own pages', () => {
    expect(isExtensionPageSender(popupSender, EXTENSION_ID, EXTENSION_BASE)).toBe(true);
    expect(isExtensionPageSender(optionsSender, EXTENSION_ID, EXTENSION_BASE)).toBe(true);
    expect(isExtensionPageSender(pageSender('https://x.com/'), EXTENSION_ID, EXTENSION_BASE)).toBe(false);
    expect(isExtensionPageSender({ id: 'other', url: 'chrome-extension://other/x.html' } as Runtime.MessageSender, EXTENSION_ID, EXTENSION_BASE)).toBe(false);
    expect(isExtensionPageSender({ id: EXTENSION_ID, url: 'chrome-extension://other/x.html' } as Runtime.MessageSender, EXTENSION_ID, EXTENSION_BASE)).toBe(false);
  });

  test('a content script cannot call UI handlers (clear data, change settings)', async () => {
    await h.send({ type: 'options/saveSettings', payload: { followedServices: ['x'] } }, optionsSender);
    await expect(h.send({ type: 'options/clearData', payload: {} }, pageSender('https://x.com/'))).rejects.toThrow(/extension's own pages/);
    await expect(h.send({ type: 'options/saveSettings', payload: { autoReport: true } }, pageSender('https://x.com/'))).rejects.toThrow();
    const settings = await h.send({ type: 'options/getSettings', payload: {} }, optionsSender);
    expect(settings).toMatchObject({ autoReport: false, followedServices: ['x'] });
  });

  test('the content config names the sending page’s service; a page outside the catalog’s page hosts gets none', async () => {
    const config = (url: string) => h.send({ type: 'content/getConfig', payload: {} }, pageSender(url));
    expect(await config('https://web.whatsapp.com/')).toMatchObject({ service: 'whatsapp', enabled: true, rules: { service: 'whatsapp' } });
    expect(await config('https://mobile.twitter.com/home')).toMatchObject({ service: 'x', rules: { service: 'x' } });
    await expect(config('https://www.whatsapp.com/')).rejects.toThrow(/watched site/);
    await expect(config('https://evil.example/')).rejects.toThrow(/watched site/);
  });

  test('a page signal about another service than the sending page is refused and not stored', async () => {
    const forged = { type: 'content/signal', payload: { service: 'reddit', signal: 'banner', ruleId: 'reddit.banner' } };
    await expect(h.send(forged, pageSender('https://x.com/'))).rejects.toThrow(/does not match/);
    await expect(h.send({ ...forged, payload: { ...forged.payload, service: 'x' } }, pageSender('https://evil.example/'))).rejects.toThrow(/content script/);
    expect(h.state.storage.get('signals')).toBeUndefined();
  });

  test('malformed payloads and unknown types are refused', async () => {
    const x = pageSender('https://x.com/');
    await expect(h.send({ type: 'content/signal', payload: { service: 'x', signal: 'http_5xx', ruleId: 'r' } }, x)).rejects.toThrow(/signal must be/);
    await expect(h.send({ type: 'content/signal', payload: { service: 'x', signal: 'banner', ruleId: 'Some page text!' } }, x)).rejects.toThrow(/ruleId/);
    await expect(h.send({ type: 'popup/report', payload: { tabId: 1, problem: 'nope' } }, popupSender)).rejects.toThrow(/problem must be/);
    await expect(h.send({ type: 'debug/eval', payload: {} }, popupSender)).rejects.toThrow(/unknown message/);
    await expect(h.send('hello', popupSender)).rejects.toThrow();
  });
});

describe('popup state', () => {
  test('fresh: false answers from storage without touching the network', async () => {
    h.backend.statusBody = xStatus('outage', 120, T0 - 60_000);
    await h.fireAlarm('downwatch-status');
    const requestsBefore = h.backend.statusRequests.length + h.backend.detailRequests.length;
    const state = await getState(false);
    expect(h.backend.statusRequests.length + h.backend.detailRequests.length).toBe(requestsBefore);
    expect(state).toMatchObject({ service: 'x', serviceName: 'X', serviceEnabled: true, serverUnreachable: false, verdict: 'none', queued: 0 });
    expect(state.elsewhere.map((s: { id: string }) => s.id)).toEqual(['reddit']);
  });

  test('fresh: true fetches the service detail; a second open within 15 s uses the cache', async () => {
    const state = await getState(true);
    expect(state.detail).toMatchObject({ id: 'x', level: 'ok' });
    await getState(true);
    expect(h.backend.detailRequests).toEqual(['x']);
  });

  test('any other site is its registrable domain; a new tab has no service', async () => {
    h.state.tabs.set(2, { id: 2, url: 'https://news.example.co.uk/a' });
    h.state.tabs.set(3, { id: 3, url: 'chrome://newtab/' });
    expect((await getState(false, 2)).service).toBe('example.co.uk');
    expect((await getState(false, 3)).service).toBeNull();
  });

  test('shows another service or domain on request (Down elsewhere, search); reports still name the tab\'s', async () => {
    const ask = (service: string, extra = {}) => h.send({ type: 'popup/getState', payload: { tabId: 1, fresh: true, service, ...extra } }, popupSender);
    expect(await ask('Reddit')).toMatchObject({ service: 'reddit', serviceName: 'Reddit', serviceSite: 'reddit.com', tabService: 'x', lookupFailed: false });
    expect(h.backend.detailRequests).toEqual(['reddit']);
    expect(await ask('https://news.example.org/a')).toMatchObject({ service: 'example.org', tabService: 'x' });
    expect(await ask('no such thing')).toMatchObject({ service: null, lookupFailed: true, tabService: 'x' });
  });

  test('Retry asks the server at once, whenever it was last asked', async () => {
    await getState(true);
    await getState(true);
    expect(h.backend.detailRequests).toEqual(['x']);
    await h.send({ type: 'popup/getState', payload: { tabId: 1, fresh: true, retry: true } }, popupSender);
    expect(h.backend.detailRequests).toEqual(['x', 'x']);
  });

  test('counts the user\'s own counted report in the cached figures at once', async () => {
    expect((await getState(true)).detail.count).toBe(0);
    await h.send({ type: 'popup/report', payload: { tabId: 1, problem: 'feed' } }, popupSender);
    expect((await getState(false)).detail.count).toBe(1);
  });

  test('says when the server is unreachable, and still counts what is queued', async () => {
    h.backend.up = false;
    await h.send({ type: 'popup/report', payload: { tabId: 1, problem: 'feed' } }, popupSender);
    const state = await getState(true);
    expect(state).toMatchObject({ serverUnreachable: true, queued: 1, lastReport: { outcome: 'queued' } });
  });
});

describe('status polling and badge', () => {
  test('the status is fetched at most once a minute, then revalidated with its ETag', async () => {
    h.backend.statusBody = xStatus('warning', 30, T0);
    await h.fireAlarm('downwatch-status');
    await h.fireAlarm('downwatch-status');
    await getState(true);
    expect(h.backend.statusRequests).toEqual([null]);
    h.advance(61_000);
    await h.fireAlarm('downwatch-status');
    expect(h.backend.statusRequests).toEqual([null, '"s1"']);
    expect((await getState(false)).elsewhere).toHaveLength(1); // the 304 kept the cached body
  });

  test('the badge shows the tab’s service count in its level colour', async () => {
    h.state.tabs.set(2, { id: 2, url: 'https://example.org/' });
    h.backend.statusBody = xStatus('outage', 1234, T0);
    await h.fireAlarm('downwatch-status');
    expect(h.state.badges.get(1)).toEqual({ text: '1k', color: '#c62828' });
    expect(h.state.badges.get(2)).toEqual({ text: '' });
  });

  test('no badge while the service is fine, a grey "?" once the server cannot be reached', async () => {
    h.backend.statusBody = xStatus('ok', 12, null);
    await h.fireAlarm('downwatch-status');
    expect(h.state.badges.get(1)).toEqual({ text: '' });
    h.backend.up = false;
    h.advance(61_000);
    await h.fireAlarm('downwatch-status');
    expect(h.state.badges.get(1)).toEqual({ text: '?', color: '#6e7781' });
  });
});

describe('outage notifications', () => {
  test('a followed service entering outage notifies once per outage', async () => {
    await h.send({ type: 'options/saveSettings', payload: { followedServices: ['x'] } }, optionsSender);
    h.backend.statusBody = xStatus('outage', 500, T0);
    await h.fireAlarm('downwatch-status');
    expect(h.state.notifications.map((n) => n.id)).toEqual(['downwatch-outage-x']);
    await h.restart();
    h.advance(61_000);
    h.backend.statusEtag = '"s2"';
    await h.fireAlarm('downwatch-status');
    expect(h.state.notifications).toHaveLength(1);
  });

  test('services not followed, or only in warning, do not notify', async () => {
    await h.send({ type: 'options/saveSettings', payload: { followedServices: ['reddit'] } }, optionsSender);
    h.backend.statusBody = xStatus('outage', 500, T0);
    await h.fireAlarm('downwatch-status');
    expect(h.state.notifications).toEqual([]);
  });
});

describe('rule pack refresh', () => {
  const config = () => h.send({ type: 'content/getConfig', payload: {} }, pageSender('https://x.com/'));

  const signed = async (pack: unknown) => signPackText(JSON.stringify(pack), readFileSync('test/fixtures/rule-signing/test-private.pem', 'utf8'));
  const refusal = () => (h.state.storage.get('rules') as { refusal: { code: string } | null }).refusal;

  test('an invalid pack from the server is ignored and the bundled rules kept', async () => {
    h.backend.rulesBody = await signed({ version: '9999', services: [{ service: 'x', banner: 'not a list' }] });
    await h.fireAlarm('downwatch-rules');
    expect(h.backend.rulesRequests).toBe(1);
    expect(await config()).toMatchObject({ enabled: true, packVersion: BUNDLED_RULE_PACK.version });
    expect(refusal()).toMatchObject({ code: 'invalid' });
  });

  test('an unsigned or tampered pack is refused, says why, and the bundled rules are kept', async () => {
    const newer = { ...BUNDLED_RULE_PACK, version: '9999.1.1' };
    h.backend.rulesBody = { pack: JSON.stringify(newer) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await h.fireAlarm('downwatch-rules');
    expect(refusal()).toMatchObject({ code: 'unsigned' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused the fetched rule pack \(unsigned: .*\); keeping the bundled pack/));
    h.backend.rulesBody = { ...(await signed(newer)), pack: JSON.stringify({ ...newer, version: '9999.1.2' }) };
    h.advance(2 * 60 * 60_000);
    await h.fireAlarm('downwatch-rules');
    expect(refusal()).toMatchObject({ code: 'bad_signature' });
    expect(await config()).toMatchObject({ packVersion: BUNDLED_RULE_PACK.version });
  });

  test('a signed pack that drops the user-content exclusions is refused', async () => {
    const pack = structuredClone({ ...BUNDLED_RULE_PACK, version: '9999.1.1' });
    pack.services[0]!.userContentSelectors = [];
    h.backend.rulesBody = await signed(pack);
    await h.fireAlarm('downwatch-rules');
    expect(refusal()).toMatchObject({ code: 'user_content_shrunk' });
    expect(await config()).toMatchObject({ packVersion: BUNDLED_RULE_PACK.version });
  });

  test('a stored pack is checked again: one edited in storage to break the invariants is not used', async () => {
    const pack = structuredClone({ ...BUNDLED_RULE_PACK, version: '9999.1.1' });
    pack.services[0]!.banner.push({ id: 'x.banner.profile', selectors: ['a[href="/someone"]'] });
    h.state.storage.set('rules', { pack, etag: '"e"', fetchedAt: Date.now(), lastAttemptAt: Date.now(), refusal: null });
    expect(await config()).toMatchObject({ packVersion: BUNDLED_RULE_PACK.version });
  });

  test('a valid newer signed pack is used, and refreshed at most daily', async () => {
    const newer = { ...BUNDLED_RULE_PACK, version: '9999.1.1' };
    h.backend.rulesBody = await signed(newer);
    await h.fireAlarm('downwatch-rules');
    expect(await config()).toMatchObject({ packVersion: '9999.1.1', rules: { service: 'x' } });
    h.advance(2 * 60 * 60_000);
    await h.fireAlarm('downwatch-rules');
    expect(h.backend.rulesRequests).toBe(1);
    h.advance(23 * 60 * 60_000);
    await h.fireAlarm('downwatch-rules');
    expect(h.backend.rulesRequests).toBe(2);
  });

  test('a switched-off service is reported as disabled to its content script', async () => {
    await h.send({ type: 'options/saveSettings', payload: { disabledServices: ['x'] } }, optionsSender);
    expect(await config()).toMatchObject({ enabled: false });
  });
});

describe('settings and first run', () => {
  test('a corrupt stored settings value is repaired, not a crash', async () => {
    h.state.storage.set('settings', { version: 'two', autoReport: 'yes', backendUrl: 42, disabledServices: 'x' });
    await h.restart();
    const settings = await h.send({ type: 'options/getSettings', payload: {} }, optionsSender);
    expect(settings).toMatchObject({ autoReport: false, backendUrl: 'http://127.0.0.1:8787', disabledServices: [] });
  });

  test('a bad settings update is refused with a message and nothing is saved', async () => {
    await expect(h.send({ type: 'options/saveSettings', payload: { backendUrl: 'javascript:alert(1)' } }, optionsSender)).rejects.toThrow(/backendUrl/);
    expect((await h.send({ type: 'options/getSettings', payload: {} }, optionsSender)).backendUrl).toBe('http://127.0.0.1:8787');
  });

  test('installing opens the first-run consent page; automatic reports stay off until answered', async () => {
    await h.browser.runtime.onInstalled.fire({ reason: 'install' });
    expect(h.state.createdTabs).toEqual([`${EXTENSION_BASE}src/options/welcome.html`]);
    expect((await h.send({ type: 'options/getSettings', payload: {} }, optionsSender)).autoReport).toBe(false);
    expect(h.state.alarms.has('downwatch-status')).toBe(true);
  });

  test('an update does not open the first-run page again', async () => {
    // `fire` resolves when the install handler has finished: it fetched the rule pack last.
    await h.browser.runtime.onInstalled.fire({ reason: 'update' });
    expect(h.backend.rulesRequests).toBe(1);
    expect(h.state.createdTabs).toEqual([]);
  });

  test('clearing local data keeps settings but forgets signals, queue and caches', async () => {
    await h.send({ type: 'options/saveSettings', payload: { country: 'BD' } }, optionsSender);
    h.backend.up = false;
    await h.send({ type: 'popup/report', payload: { tabId: 1, problem: 'website' } }, popupSender);
    await h.send({ type: 'options/clearData', payload: {} }, optionsSender);
    expect(h.state.storage.get('queue')).toBeUndefined();
    expect(h.state.storage.get('settings')).toMatchObject({ country: 'BD' });
    expect(h.state.alarms.has('downwatch-queue')).toBe(false);
  });

  test('the backend connection test reports reachability without saving the URL', async () => {
    expect(await h.send({ type: 'options/testBackend', payload: { url: 'http://127.0.0.1:18299' } }, optionsSender)).toMatchObject({ ok: true });
    expect(await h.send({ type: 'options/testBackend', payload: { url: 'file:///etc/passwd' } }, optionsSender)).toMatchObject({ ok: false });
    expect((await h.send({ type: 'options/getSettings', payload: {} }, optionsSender)).backendUrl).toBe('http://127.0.0.1:8787');
  });
});
