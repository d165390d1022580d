// The options page for a service whose hosts are optional permissions
// (docs/adding-a-service.md): the row says that nothing runs there until allowed; switching
// "Watch for problems" on asks the browser inside the click, and only an
// allowed request turns watching on. The catalog gets a made-up optional
// service here, so the page is tested apart from any real one.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogService } from '../../src/core/catalog.ts';
import type { Settings } from '../../src/core/settings.ts';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { settings } from './uiFixtures.ts';
import { byName, change, mount, settle, unmount } from './uiRender.tsx';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));
vi.mock('../../src/core/catalog.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/catalog.ts')>();
  const chat: CatalogService = {
    id: 'chatapp', name: 'Chat App', hosts: ['chat.example'], apiHosts: ['chatcdn.example'],
    webApp: { host: 'app.chat.example', path: '/' }, optionalPermission: true,
    rules: { ...structuredClone(real.catalogService('whatsapp')!.rules), service: 'chatapp' },
  };
  const CATALOG = [...real.CATALOG, chat];
  return { ...real, CATALOG, catalogService: (id: string) => CATALOG.find((s) => s.id === id), isCatalogId: (id: string) => CATALOG.some((s) => s.id === id) };
});

const { OptionsPage } = await import('../../src/options/OptionsPage.tsx');

const ORIGINS = ['*://*.chat.example/*', '*://*.chatcdn.example/*'];
let stored: Settings;
const saves = () => sentMessages().filter((m) => m.type === 'options/saveSettings').map((m) => m.payload);
const watch = (root: HTMLElement) => byName(root, 'input', 'Watch Chat App for problems') as HTMLInputElement;
const note = (root: HTMLElement) => root.querySelector('[data-testid="access-chatapp"]')?.textContent;

describe('options page: a service asked for after install', () => {
  beforeEach(() => {
    resetFakeBrowser();
    stored = settings();
    fakeBrowser.handlers['options/getSettings'] = () => stored;
    fakeBrowser.handlers['options/saveSettings'] = (update: Partial<Settings>) => (stored = { ...stored, ...update });
    fakeBrowser.handlers['options/getSignalLog'] = () => [];
  });
  afterEach(unmount);

  it('is not watched until allowed, and its row says that nothing runs there until then', async () => {
    const root = await mount(<OptionsPage />);
    expect(watch(root).checked).toBe(false);
    expect(note(root)).toBe('Asks your permission to read app.chat.example: switching “Watch for problems” on shows your browser’s prompt. Until you allow it, Downwatch does nothing there.');
    expect(watch(root).getAttribute('aria-describedby')).toBe('access-chatapp');
    // The first services need no permission and say nothing of one.
    expect(root.querySelector('[data-testid="access-x"]')).toBeNull();
    expect((byName(root, 'input', 'Watch X for problems') as HTMLInputElement).checked).toBe(true);
  });

  it('asks for exactly its hosts inside the click, then watches it once allowed', async () => {
    fakeBrowser.permissions.request.mockImplementation(async () => {
      for (const origin of ORIGINS) fakeBrowser.permissions.granted.add(origin);
      return true;
    });
    const root = await mount(<OptionsPage />);
    const input = watch(root);
    await act(async () => {
      input.checked = true;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      // Still inside the event: the request was made before any await (browsers refuse it later).
      expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ORIGINS });
    });
    await settle();
    expect(saves()).toEqual([{ disabledServices: [] }]);
    expect(watch(root).checked).toBe(true);
    expect(note(root)).toBe('Allowed to read app.chat.example.');
  });

  it('stays off, saves nothing and says so when the user declines the prompt', async () => {
    fakeBrowser.permissions.request.mockImplementation(async () => false);
    const root = await mount(<OptionsPage />);
    await change(watch(root), true);
    expect(saves()).toEqual([]);
    expect(watch(root).checked).toBe(false);
    expect(note(root)).toBe('Permission not given: Downwatch does not watch Chat App.');
  });

  it('switching it off gives the hosts back and records the choice', async () => {
    for (const origin of ORIGINS) fakeBrowser.permissions.granted.add(origin);
    const root = await mount(<OptionsPage />);
    expect(watch(root).checked).toBe(true);
    await change(watch(root), false);
    expect(saves()).toEqual([{ disabledServices: ['chatapp'] }]);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ORIGINS });
    expect(watch(root).checked).toBe(false);
    expect(note(root)).toMatch(/^Asks your permission/);
  });

  it('follows a grant made in the browser’s own settings while the page is open', async () => {
    const root = await mount(<OptionsPage />);
    expect(watch(root).checked).toBe(false);
    for (const origin of ORIGINS) fakeBrowser.permissions.granted.add(origin);
    await act(async () => fakeBrowser.permissions.onAdded.fire());
    await settle();
    expect(watch(root).checked).toBe(true);
    expect(note(root)).toBe('Allowed to read app.chat.example.');
  });
});
