// The content script's config comes from the background (`content/getConfig`):
// the service the page belongs to, whether the user watches it, and its rules.
// Without a sound answer the script stays idle on the page.
import { afterEach, describe, expect, it } from 'vitest';
import { isServiceDisabled, loadContentConfig } from '../../src/content/contentConfig.ts';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import type { RulePack } from '../../src/core/rules/schema.ts';
import { loadFixture, settle, startOn, type Harness } from './contentHarness.ts';

let h: Harness | undefined;
afterEach(() => h?.handle?.stop());

const noBackground = () => {
  throw new Error('Could not establish connection. Receiving end does not exist.');
};

/** A newer pack whose X banner rule knows a text the bundled one does not. */
function newerPack(): RulePack {
  const pack = structuredClone(BUNDLED_RULE_PACK);
  pack.version = '2099.01.01-1';
  pack.services.find((s) => s.service === 'x')!.banner[0]!.texts = { en: ['Timeline is taking a nap'] };
  return pack;
}

const xConfig = (rules: unknown = rulesForService(BUNDLED_RULE_PACK, 'x')) => ({ service: 'x', enabled: true, rules, packVersion: '1' });

describe('switched-off services', () => {
  it('does nothing on a service the user switched off', async () => {
    loadFixture('x', 'banner');
    h = await startOn('x', { config: { ...xConfig(), enabled: false } });
    expect(h.handle).toBeNull();
    document.getElementById('layers')!.innerHTML += '<div role="alert"><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    expect(h.scheduled()).toBe(0);
    expect(h.messages).toEqual([]);
  });

  it('stops at once when the user switches the service off while the page is open', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x');
    for (const listener of h.storageListeners) listener({ settings: { newValue: { disabledServices: ['facebook'] } } }, 'local');
    for (const listener of h.storageListeners) listener({ settings: { newValue: { disabledServices: ['x'] } } }, 'local');
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast"><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual([]);
  });

  it('reads a switch-off from stored settings of any shape without throwing', () => {
    expect(isServiceDisabled(undefined, 'x')).toBe(false);
    expect(isServiceDisabled('garbage', 'x')).toBe(false);
    expect(isServiceDisabled({ disabledServices: 'x' }, 'x')).toBe(false);
    expect(isServiceDisabled({ disabledServices: ['x'] }, 'x')).toBe(true);
  });
});

describe('the background answer', () => {
  it('names the service and hands out its rules (the refreshed pack)', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x', { config: xConfig(rulesForService(newerPack(), 'x')) });
    expect(h.handle?.service).toBe('x');
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast"><span>Timeline is taking a nap</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });

  it('asks with an empty payload: the page does not claim its own service', async () => {
    const asked: unknown[] = [];
    await loadContentConfig(async (message) => {
      asked.push(message);
      return xConfig();
    });
    expect(asked).toEqual([{ type: 'content/getConfig', payload: {} }]);
  });

  it.each([
    ['no background (the extension was reloaded under the page)', noBackground],
    ['a refusal (not a watched page)', () => Promise.reject(new Error('content/getConfig is accepted only from the content script on a watched site'))],
    ['malformed rules', () => xConfig({ service: 'x', banner: 'nope' })],
    ['rules of another service', () => xConfig(rulesForService(BUNDLED_RULE_PACK, 'reddit'))],
    ['no service', () => ({ enabled: true, rules: rulesForService(BUNDLED_RULE_PACK, 'x'), packVersion: '1' })],
    ['no rules', () => xConfig(null)],
    ['nothing', () => undefined],
  ])('stays idle, without throwing, on %s', async (_what, answer) => {
    loadFixture('x', 'banner');
    h = await startOn('x', { config: answer });
    expect(h.handle).toBeNull();
    expect(h.messages).toEqual([]);
    expect(h.scheduled()).toBe(0);
  });

  it('skips a selector the browser cannot parse instead of failing the whole rule', async () => {
    const rules = structuredClone(rulesForService(BUNDLED_RULE_PACK, 'x')!);
    rules.banner[0]!.selectors = ['div[[[', ...rules.banner[0]!.selectors];
    loadFixture('x', 'banner');
    h = await startOn('x', { config: xConfig(rules) });
    expect(h.kinds()).toEqual(['banner']);
  });
});
