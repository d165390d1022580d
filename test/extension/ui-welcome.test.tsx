import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser, sentMessages } from './uiFakeBrowser.ts';
import { settings } from './uiFixtures.ts';
import { byName, shownText, click, mount, unmount } from './uiRender.tsx';
import type { Settings } from '../../src/core/settings.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { Welcome } = await import('../../src/options/Welcome.tsx');

describe('first-run page', () => {
  beforeEach(() => {
    resetFakeBrowser();
    let stored = settings();
    fakeBrowser.handlers['options/saveSettings'] = (update: Partial<Settings>) => (stored = { ...stored, ...update });
  });
  afterEach(unmount);

  it('states exactly what a report carries and what it never does', async () => {
    const root = await mount(<Welcome />);
    const text = root.textContent ?? '';
    for (const phrase of [
      'the name of the service or site',
      'the kind of problem and the signals seen',
      'whether you sent it yourself or it was sent automatically',
      'when it happened',
      'a random install number that changes at least once a month',
      'your country, guessed from your time zone',
      'the page address (URL), text from the page, your account name, cookies or your IP address',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('Turn on automatic reports saves autoReport and the consent answer, then confirms', async () => {
    const root = await mount(<Welcome />);
    await click(byName(root, 'button', 'Turn on automatic reports'));
    expect(sentMessages()).toEqual([{ type: 'options/saveSettings', payload: { autoReport: true, consentAnswered: true } }]);
    expect(root.querySelector('[data-testid="welcome-status"]')?.textContent).toContain('Automatic reports are on.');
  });

  it('Not now saves autoReport off with the consent answer, then confirms', async () => {
    const root = await mount(<Welcome />);
    await click(byName(root, 'button', 'Not now'));
    expect(sentMessages()).toEqual([{ type: 'options/saveSettings', payload: { autoReport: false, consentAnswered: true } }]);
    expect(root.querySelector('[data-testid="welcome-status"]')?.textContent).toContain('Automatic reports stay off.');
  });

  it('says when the answer could not be saved', async () => {
    fakeBrowser.handlers['options/saveSettings'] = () => {
      throw new Error('background is restarting');
    };
    const root = await mount(<Welcome />);
    await click(byName(root, 'button', 'Turn on automatic reports'));
    expect(root.querySelector('[data-testid="welcome-status"]')?.textContent).toBe('Could not save: background is restarting');
  });

  it('after "Not now" keeps the choice on screen and says what to do next', async () => {
    const root = await mount(<Welcome />);
    expect(root.querySelector('[data-testid="welcome-next"]')).toBeNull();
    await click(byName(root, 'button', 'Not now'));
    expect(root.querySelector('[data-testid="welcome-off"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('[data-testid="welcome-on"]')?.getAttribute('aria-pressed')).toBe('false');
    const next = root.querySelector('[data-testid="welcome-next"]')?.textContent ?? '';
    for (const step of ['Pin the Downwatch button', 'Open a site you use', 'a grey "?" means']) expect(next).toContain(step);
  });

  it('speaks Bengali only in Bengali: no English glosses, buttons found by test id', async () => {
    fakeBrowser.locale = 'bn';
    const root = await mount(<Welcome />);
    const on = root.querySelector<HTMLButtonElement>('[data-testid="welcome-on"]')!;
    const off = root.querySelector<HTMLButtonElement>('[data-testid="welcome-off"]')!;
    expect(shownText(on)).toBe('স্বয়ংক্রিয় রিপোর্ট চালু করুন');
    expect(shownText(off)).toBe('এখন নয়');
    expect(root.textContent).not.toMatch(/Not now|Turn on/);
    expect(root.querySelector('h1')?.textContent?.trim()).toBe('Downwatch-এ স্বাগতম');
  });
});
