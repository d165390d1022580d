// The entry file wires the real platform: webextension-polyfill's
// runtime.sendMessage and storage, the page's document and location.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { loadFixture } from './contentHarness.ts';

const sendMessage = vi.fn();
const get = vi.fn();
const addListener = vi.fn();
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage }, storage: { local: { get }, onChanged: { addListener } } },
}));

afterEach(() => {
  vi.resetModules();
  sendMessage.mockReset();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('content script entry', () => {
  it('asks the background for its config, then sends the banner it sees on x.com', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://x.com/home');
    loadFixture('x', 'banner');
    sendMessage.mockImplementation(async (message: { type: string }) =>
      message.type === 'content/getConfig' ? { enabled: true, rules: rulesForService(BUNDLED_RULE_PACK, 'x'), packVersion: BUNDLED_RULE_PACK.version } : undefined,
    );
    await import('../../src/content/main.ts');
    await until(() => sendMessage.mock.calls.length >= 3);
    expect(sendMessage.mock.calls.map((c) => c[0])).toEqual([
      { type: 'content/getConfig', payload: { service: 'x' } },
      { type: 'content/signal', payload: { service: 'x', signal: 'banner', ruleId: 'x.banner.reload' } },
      { type: 'content/loggedIn', payload: { service: 'x' } },
    ]);
    expect(addListener).toHaveBeenCalledTimes(1);
  });

  it('sends nothing on a page of no catalog service', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://example.com/');
    loadFixture('x', 'banner');
    await import('../../src/content/main.ts');
    await new Promise((r) => setTimeout(r, 20));
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
