import { afterEach, describe, expect, it } from 'vitest';
import { isServiceDisabled, loadContentConfig, rulesFromStoredPack } from '../../src/content/contentConfig.ts';
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

describe('switched-off services', () => {
  it('does nothing on a service the user switched off (background answer)', async () => {
    loadFixture('x', 'banner');
    h = await startOn('x', { config: { enabled: false, rules: null, packVersion: 'x' } });
    expect(h.handle).toBeNull();
    document.getElementById('layers')!.innerHTML += '<div role="alert"><span>Something went wrong. Try reloading.</span></div>';
    await settle();
    expect(h.scheduled()).toBe(0);
    expect(h.messages).toEqual([]);
  });

  it('does nothing when stored settings switch it off and the background does not answer', async () => {
    loadFixture('x', 'banner');
    h = await startOn('x', { config: noBackground, storage: { settings: { version: 1, disabledServices: ['x'] } } });
    expect(h.handle).toBeNull();
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

  it('tolerates missing or corrupt settings (the service stays on)', async () => {
    expect(isServiceDisabled(undefined, 'x')).toBe(false);
    expect(isServiceDisabled('garbage', 'x')).toBe(false);
    expect(isServiceDisabled({ disabledServices: 'x' }, 'x')).toBe(false);
    expect(isServiceDisabled({ disabledServices: ['x'] }, 'x')).toBe(true);
    loadFixture('x', 'banner');
    h = await startOn('x', { config: noBackground, storage: { settings: '{not json' } });
    expect(h.kinds()).toEqual(['banner']);
  });

  it('does not run on pages that are not a catalog service page', async () => {
    loadFixture('x', 'banner');
    h = await startOn('x', { hostname: 'www.whatsapp.com' });
    expect(h.handle).toBeNull();
    h = await startOn('x', { hostname: 'notx.com' });
    expect(h.handle).toBeNull();
  });
});

describe('rule source', () => {
  it('uses the rules the background hands out (the refreshed pack)', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x', { config: { enabled: true, rules: rulesForService(newerPack(), 'x'), packVersion: '2099.01.01-1' } });
    document.getElementById('layers')!.innerHTML = '<div role="alert" data-testid="toast"><span>Timeline is taking a nap</span></div>';
    await settle();
    h.runIdle();
    expect(h.signals()).toEqual(['banner:x.banner.reload']);
  });

  it('falls back to the bundled rules when the background hands out malformed rules', async () => {
    loadFixture('x', 'banner');
    h = await startOn('x', { config: { enabled: true, rules: { service: 'x', banner: 'nope' }, packVersion: '1' } });
    expect(h.kinds()).toEqual(['banner']);
  });

  it('reads a valid stored pack when the background does not answer', async () => {
    const stored = { rules: { pack: newerPack(), etag: '"abc"', fetchedAt: 1 } };
    const config = await loadContentConfig({ request: async () => noBackground(), readStorage: async () => stored }, 'x');
    expect(config.enabled).toBe(true);
    expect(config.rules?.banner[0]?.texts).toEqual({ en: ['Timeline is taking a nap'] });
  });

  it('keeps the bundled rules for a stored pack that is corrupt or older than the bundled one', () => {
    const bundledX = rulesForService(BUNDLED_RULE_PACK, 'x');
    const older = newerPack();
    older.version = '2000.01.01-1';
    expect(rulesFromStoredPack({ pack: older }, 'x')).toBe(bundledX);
    expect(rulesFromStoredPack('garbage', 'x')).toBe(bundledX);
    expect(rulesFromStoredPack({ version: '2099', services: [{ service: 'x', banner: [{ id: 1 }] }] }, 'x')).toBe(bundledX);
    expect(rulesFromStoredPack(undefined, 'x')).toBe(bundledX);
    expect(rulesFromStoredPack(newerPack(), 'x')).not.toBe(bundledX);
  });

  it('skips a selector the browser cannot parse instead of failing the whole rule', async () => {
    const rules = structuredClone(rulesForService(BUNDLED_RULE_PACK, 'x')!);
    rules.banner[0]!.selectors = ['div[[[', ...rules.banner[0]!.selectors];
    loadFixture('x', 'banner');
    h = await startOn('x', { config: { enabled: true, rules, packVersion: '1' } });
    expect(h.kinds()).toEqual(['banner']);
  });

  it('stays silent (and does not throw) when neither the background nor storage answers', async () => {
    const config = await loadContentConfig({ request: async () => noBackground(), readStorage: async () => noBackground() }, 'x');
    expect(config).toEqual({ enabled: false, rules: undefined });
  });
});
