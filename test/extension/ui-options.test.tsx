import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { settings } from './uiFixtures.ts';
import { byName, change, click, mount, unmount } from './uiRender.tsx';
import type { Settings } from '../../src/core/settings.ts';
import type { SignalLogEntry } from '../../src/core/messages.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { OptionsPage } = await import('../../src/options/OptionsPage.tsx');

let stored: Settings;
let log: SignalLogEntry[];

function saves() {
  return sentMessages().filter((m) => m.type === 'options/saveSettings').map((m) => m.payload);
}

describe('options page', () => {
  beforeEach(() => {
    resetFakeBrowser();
    stored = settings();
    log = [];
    fakeBrowser.handlers['options/getSettings'] = () => stored;
    fakeBrowser.handlers['options/saveSettings'] = (update: Partial<Settings>) => (stored = { ...stored, ...update });
    fakeBrowser.handlers['options/getSignalLog'] = () => log;
    fakeBrowser.handlers['options/clearData'] = () => {
      log = [];
      return { ok: true };
    };
  });
  afterEach(unmount);

  it('saves a valid backend URL in canonical form, then tests it and says it answered', async () => {
    fakeBrowser.handlers['options/testBackend'] = () => ({ ok: true, latencyMs: 23 });
    const root = await mount(<OptionsPage />);
    await change(root.querySelector('#backend-url'), '  https://downwatch.example.org/ ');
    await click(byName(root, 'button', 'Save address'));
    expect(saves()).toEqual([{ backendUrl: 'https://downwatch.example.org' }]);
    expect(sentMessages().filter((m) => m.type === 'options/testBackend')).toEqual([{ type: 'options/testBackend', payload: { url: 'https://downwatch.example.org' } }]);
    expect(root.querySelector('[data-testid="backend-note"]')?.textContent).toBe('Address saved. The server answered in 23 ms.');
    expect((root.querySelector('#backend-url') as HTMLInputElement).value).toBe('https://downwatch.example.org');
  });

  it('saving a dead server address says it did not answer', async () => {
    fakeBrowser.handlers['options/testBackend'] = () => ({ ok: false, error: 'connection refused' });
    const root = await mount(<OptionsPage />);
    await change(root.querySelector('#backend-url'), 'http://127.0.0.1:9');
    await click(byName(root, 'button', 'Save address'));
    expect(saves()).toEqual([{ backendUrl: 'http://127.0.0.1:9' }]);
    const note = root.querySelector('[data-testid="backend-note"]')!;
    expect(note.textContent).toBe('Address saved, but the server did not answer: connection refused. Reports wait in this browser until it does.');
    expect(note.className).toBe('bad');
  });

  it.each(['ftp://example.org', 'not a url', 'https://user:pw@example.org', ''])('refuses the backend URL %j with a clear message and saves nothing', async (bad) => {
    const root = await mount(<OptionsPage />);
    await change(root.querySelector('#backend-url'), bad);
    await click(byName(root, 'button', 'Save address'));
    expect(saves()).toEqual([]);
    const input = root.querySelector('#backend-url')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#backend-error')?.textContent).toContain('starts with http:// or https://');
    expect(input.getAttribute('aria-describedby')).toContain('backend-error');
  });

  it('tests the typed backend through options/testBackend without saving it', async () => {
    fakeBrowser.handlers['options/testBackend'] = ({ url }: { url: string }) =>
      url === 'http://127.0.0.1:18301' ? { ok: true, latencyMs: 12 } : { ok: false, error: 'connection refused' };
    const root = await mount(<OptionsPage />);
    await change(root.querySelector('#backend-url'), 'http://127.0.0.1:18301');
    await click(byName(root, 'button', 'Test connection'));
    expect(root.querySelector('[data-testid="backend-note"]')?.textContent).toBe('Connected. The server answered in 12 ms.');
    await change(root.querySelector('#backend-url'), 'http://127.0.0.1:18302');
    await click(byName(root, 'button', 'Test connection'));
    expect(root.querySelector('[data-testid="backend-note"]')?.textContent).toBe('Could not connect: connection refused');
    expect(sentMessages().filter((m) => m.type === 'options/testBackend').map((m) => m.payload)).toEqual([
      { url: 'http://127.0.0.1:18301' },
      { url: 'http://127.0.0.1:18302' },
    ]);
    expect(saves()).toEqual([]);
  });

  it('turns automatic reports on and off with the switch, recording the consent answer', async () => {
    const root = await mount(<OptionsPage />);
    const toggle = byName(root, '[role="switch"]', 'Report problems automatically') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await change(toggle, true);
    expect(saves()).toEqual([{ autoReport: true, consentAnswered: true }]);
    expect(toggle.checked).toBe(true);
    expect(root.querySelector('[data-testid="save-status"]')?.textContent).toBe('Saved.');
    await change(toggle, false);
    expect(saves()[1]).toEqual({ autoReport: false, consentAnswered: true });
  });

  it('shows the consent text next to the switch, including what is never sent', async () => {
    const root = await mount(<OptionsPage />);
    const toggle = byName(root, '[role="switch"]', 'Report problems automatically')!;
    const consent = root.querySelector(`#${toggle.getAttribute('aria-describedby')}`)!;
    expect(consent.textContent).toContain('a random install number');
    expect(consent.textContent).toContain('your country, guessed from your time zone');
    expect(consent.textContent).toContain('the page address (URL), text from the page, your account name, cookies or your IP address');
  });

  it('springs the switch back and says why when saving fails', async () => {
    fakeBrowser.handlers['options/saveSettings'] = () => {
      throw new Error('storage is full');
    };
    const root = await mount(<OptionsPage />);
    const toggle = byName(root, '[role="switch"]', 'Report problems automatically') as HTMLInputElement;
    await change(toggle, true);
    expect(toggle.checked).toBe(false);
    expect(root.querySelector('[data-testid="save-status"]')?.textContent).toBe('Could not save: storage is full');
  });

  it('switches a catalog service off and follows another', async () => {
    const root = await mount(<OptionsPage />);
    await change(byName(root, 'input', 'Watch Reddit for problems'), false);
    expect(saves()[0]).toEqual({ disabledServices: ['reddit'] });
    await change(byName(root, 'input', 'Notify me when X has an outage'), true);
    expect(saves()[1]).toEqual({ followedServices: ['x'] });
    expect((byName(root, 'input', 'Watch Reddit for problems') as HTMLInputElement).checked).toBe(false);
  });

  it('offers the time-zone country, a chosen country or none', async () => {
    const root = await mount(<OptionsPage />);
    const select = root.querySelector('select#country') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(select.options[0]?.textContent).toMatch(/^From my time zone/);
    expect(select.options.length).toBe(2 + 249);
    await change(select, 'BD');
    expect(saves()[0]).toEqual({ country: 'BD' });
    await change(select, 'none');
    expect(saves()[1]).toEqual({ country: 'none' });
  });

  it("asks Firefox's location data consent when a country is chosen, never for none", async () => {
    const root = await mount(<OptionsPage />);
    const select = root.querySelector('select#country') as HTMLSelectElement;
    await change(select, 'none');
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();
    await change(select, 'IN');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ data_collection: ['locationInfo'] });
  });

  it('still saves the country where the browser has no data-collection permission (Chromium)', async () => {
    fakeBrowser.permissions.request.mockImplementation(() => {
      throw new TypeError("Unexpected property: 'data_collection'");
    });
    const root = await mount(<OptionsPage />);
    await change(root.querySelector('select#country') as HTMLSelectElement, 'GB');
    expect(saves()[0]).toEqual({ country: 'GB' });
  });

  it('shows the local signal log as a table, newest first', async () => {
    log = [
      { at: Date.UTC(2026, 10, 29, 10, 0), service: 'x', signal: 'banner', detail: 'x.banner.went-wrong', blamed: 'service' },
      { at: Date.UTC(2026, 10, 29, 11, 0), service: 'reddit', signal: 'net_error', detail: 'net::ERR_NAME_NOT_RESOLVED', blamed: 'own_connection' },
    ];
    const root = await mount(<OptionsPage />);
    const rows = [...root.querySelectorAll('table.signal-log tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent));
    expect(rows).toEqual([
      ['reddit', 'Network error', 'net::ERR_NAME_NOT_RESOLVED', 'your connection'],
      ['x', 'Error banner', 'x.banner.went-wrong', 'the service'],
    ]);
  });

  it('says when the signal log cannot be loaded, without hiding the settings', async () => {
    delete fakeBrowser.handlers['options/getSignalLog'];
    const root = await mount(<OptionsPage />);
    expect(root.querySelector('section[aria-labelledby="log-heading"]')?.textContent).toContain('Could not load:');
    expect(byName(root, '[role="switch"]', 'Report problems automatically')).not.toBeNull();
  });

  it('clears local data only after a second, confirming click', async () => {
    log = [{ at: 1, service: 'x', signal: 'banner', detail: 'r', blamed: 'service' }];
    const root = await mount(<OptionsPage />);
    await click(byName(root, 'button', 'Clear local data'));
    expect(sentMessages().some((m) => m.type === 'options/clearData')).toBe(false);
    expect(root.textContent).toContain('Reports still waiting to be sent will be lost.');
    await click(byName(root, 'button', 'Yes, clear it'));
    expect(sentMessages().filter((m) => m.type === 'options/clearData')).toHaveLength(1);
    expect(root.querySelector('[data-testid="clear-note"]')?.textContent).toBe('Local data cleared.');
    expect(root.querySelector('[data-testid="log-empty"]')?.textContent).toBe('Nothing logged yet.');
  });

  it('labels the switch in Bengali only, found by its test id', async () => {
    fakeBrowser.locale = 'bn';
    const root = await mount(<OptionsPage />);
    const toggle = root.querySelector<HTMLInputElement>('[data-testid="auto-switch"]')!;
    const label = root.querySelector(`label[for="${toggle.id}"]`)!;
    expect(label.textContent).toBe('নিজে থেকে সমস্যা জানান');
  });
});
