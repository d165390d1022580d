// A service whose hosts are optional permissions (docs/adding-a-service.md), in the real
// background over the fake browser: until the user grants its hosts nothing
// runs for it — no content script, no config, no signal; once granted the
// content script is registered, and it goes again when the grant is revoked or
// the user switches the service off. The catalog gets a made-up optional
// service here, so the machinery is tested apart from any real one.
import { vi } from 'vitest';
import { CONTENT_SCRIPT_FILE } from '../../src/background/contentScriptFile.ts';
import type { CatalogService } from '../../src/core/catalog.ts';
import { bootHarness, optionsSender, pageSender, popupSender, teardownHarness, type Harness } from './backgroundHarness.ts';

vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_target, key) => (globalThis as any).__fakeBrowser[key] }),
}));

vi.mock('../../src/core/catalog.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/catalog.ts')>();
  const base = real.catalogService('whatsapp')!;
  const chat: CatalogService = {
    id: 'chatapp', name: 'Chat App', hosts: ['chat.example'], apiHosts: ['chatcdn.example'],
    webApp: { host: 'app.chat.example', path: '/' }, usualProblem: 'messages', optionalPermission: true,
    rules: { ...structuredClone(base.rules), service: 'chatapp' },
  };
  const CATALOG = [...real.CATALOG, chat];
  return { ...real, CATALOG, catalogService: (id: string) => CATALOG.find((s) => s.id === id), isCatalogId: (id: string) => CATALOG.some((s) => s.id === id) };
});

const CHAT_ORIGINS = ['*://*.chat.example/*', '*://*.chatcdn.example/*'];

let h: Harness;
beforeEach(async () => {
  h = await bootHarness();
});
afterEach(teardownHarness);

const chatPage = pageSender('https://app.chat.example/rooms/1');
const config = () => h.send({ type: 'content/getConfig', payload: {} }, chatPage);
const registered = () => [...h.state.registeredScripts.keys()];
const chatSignals = () => ((h.state.storage.get('signals') as Record<string, unknown[]>) ?? {}).chatapp ?? [];
const api5xx = () => h.browser.webRequest.onCompleted.fire({ url: 'https://media.chatcdn.example/m', statusCode: 503, type: 'xmlhttprequest', timeStamp: Date.now(), tabId: 1, initiator: 'https://app.chat.example' });

async function grant(): Promise<void> {
  for (const origin of CHAT_ORIGINS) h.state.grantedOrigins.add(origin);
  await h.browser.permissions.onAdded.fire({ origins: CHAT_ORIGINS, permissions: [] });
}

async function revoke(): Promise<void> {
  h.state.grantedOrigins.clear();
  await h.browser.permissions.onRemoved.fire({ origins: CHAT_ORIGINS, permissions: [] });
}

describe('an optional service before its hosts are granted', () => {
  test('has no content script registered, even after install and start-up', async () => {
    await h.browser.runtime.onInstalled.fire({ reason: 'install' });
    await h.browser.runtime.onStartup.fire();
    expect(registered()).toEqual([]);
  });

  test('the popup on its page says it is not watched, until the grant', async () => {
    h.state.tabs.set(3, { id: 3, url: 'https://app.chat.example/rooms/1' });
    const state = () => h.send({ type: 'popup/getState', payload: { tabId: 3, fresh: false } }, popupSender);
    expect(await state()).toMatchObject({ service: 'chatapp', serviceName: 'Chat App', serviceEnabled: false });
    await grant();
    expect(await state()).toMatchObject({ serviceEnabled: true });
  });

  test('is not watched: its pages get a config that says so, its signals are dropped', async () => {
    expect(await config()).toMatchObject({ service: 'chatapp', enabled: false });
    await api5xx();
    expect(chatSignals()).toEqual([]);
  });
});

describe('an optional service once granted', () => {
  test('gets its content script registered on its page hosts, with the manifest’s script file', async () => {
    await grant();
    expect([...h.state.registeredScripts.values()]).toEqual([
      { id: 'downwatch-chatapp', matches: ['*://*.chat.example/*'], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    expect(await config()).toMatchObject({ service: 'chatapp', enabled: true, rules: { service: 'chatapp' } });
    await api5xx();
    expect(chatSignals()).toEqual([expect.objectContaining({ signal: 'http_5xx', detail: '503' })]);
  });

  test('loses its content script when the grant is revoked, and its signals stop counting', async () => {
    await grant();
    await revoke();
    expect(registered()).toEqual([]);
    expect(await config()).toMatchObject({ enabled: false });
  });

  test('loses its content script when the user switches it off, and gets it back when switched on again', async () => {
    await grant();
    await h.send({ type: 'options/saveSettings', payload: { disabledServices: ['chatapp'] } }, optionsSender);
    expect(registered()).toEqual([]);
    await h.send({ type: 'options/saveSettings', payload: { disabledServices: [] } }, optionsSender);
    expect(registered()).toEqual(['downwatch-chatapp']);
  });

  test('is registered once, however many grants and saves arrive together', async () => {
    for (const origin of CHAT_ORIGINS) h.state.grantedOrigins.add(origin);
    await Promise.all([
      h.browser.permissions.onAdded.fire({ origins: CHAT_ORIGINS }),
      h.browser.permissions.onAdded.fire({ origins: CHAT_ORIGINS }),
      h.send({ type: 'options/saveSettings', payload: { followedServices: ['chatapp'] } }, optionsSender),
    ]);
    expect(registered()).toEqual(['downwatch-chatapp']);
  });

  test('a grant revoked while the worker was stopped is caught up at the next start-up', async () => {
    await grant();
    h.state.grantedOrigins.clear(); // revoked from the browser's settings while no listener ran
    await h.restart();
    await h.browser.runtime.onStartup.fire();
    expect(registered()).toEqual([]);
  });
});

describe('services granted at install', () => {
  test('are watched without any registration of their own (the manifest runs their script)', async () => {
    expect(await h.send({ type: 'content/getConfig', payload: {} }, pageSender('https://x.com/home'))).toMatchObject({ service: 'x', enabled: true });
    await grant();
    expect(registered()).toEqual(['downwatch-chatapp']);
  });
});
