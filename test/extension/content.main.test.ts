// The entry file wires the real platform: webextension-polyfill's
// runtime.sendMessage and storage events, the page's document and location.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { loadFixture } from './contentHarness.ts';

const sendMessage = vi.fn();
const addListener = vi.fn();
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage }, storage: { onChanged: { addListener } } },
}));

afterEach(() => {
  vi.resetModules();
  sendMessage.mockReset();
  addListener.mockReset();
});

const sent = () => sendMessage.mock.calls.map((c) => c[0]);

describe('content script entry', () => {
  it('asks the background for its config, then sends the banner it sees on x.com', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://x.com/home');
    loadFixture('x', 'banner');
    sendMessage.mockImplementation(async (message: { type: string }) =>
      message.type === 'content/getConfig' ? { service: 'x', enabled: true, rules: rulesForService(BUNDLED_RULE_PACK, 'x'), packVersion: BUNDLED_RULE_PACK.version } : undefined,
    );
    const { started } = await import('../../src/content/main.ts');
    // The first scan runs before the start settles, and sends synchronously.
    expect((await started)?.service).toBe('x');
    expect(sent()).toEqual([
      { type: 'content/getConfig', payload: {} },
      { type: 'content/signal', payload: { service: 'x', signal: 'banner', ruleId: 'x.banner.reload' } },
      { type: 'content/loggedIn', payload: { service: 'x' } },
    ]);
    expect(addListener).toHaveBeenCalledTimes(1);
  });

  it('sends nothing but the question when the background refuses the page', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://example.com/');
    loadFixture('x', 'banner');
    sendMessage.mockRejectedValue(new Error('content/getConfig is accepted only from the content script on a watched site'));
    const { started } = await import('../../src/content/main.ts');
    expect(await started).toBeNull();
    expect(sent()).toEqual([{ type: 'content/getConfig', payload: {} }]);
    expect(addListener).not.toHaveBeenCalled();
  });
});
