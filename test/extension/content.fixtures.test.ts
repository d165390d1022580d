import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { normalisedPatterns, normaliseText } from '../../src/core/rules/text.ts';
import { validSelectors } from '../../src/content/compiledRules.ts';
import { LOGIN_PATHS, SERVICES, fixtureBody, loadFixture, startOn, type Harness } from './contentHarness.ts';

const harnesses: Harness[] = [];
async function open(service: (typeof SERVICES)[number], state: string, path = '/') {
  loadFixture(service, state);
  const h = await startOn(service, { path });
  harnesses.push(h);
  return h;
}

afterEach(() => {
  for (const h of harnesses.splice(0)) h.handle?.stop();
  vi.useRealTimers();
});

const BANNER_STATES: Record<string, string[]> = { whatsapp: ['banner', 'banner_bn', 'banner_phone'] };
const FEED_STATES: Record<string, string[]> = { x: ['feed_stalled', 'feed_stalled_bn'] };

describe.each(SERVICES)('%s fixture pages', (service) => {
  const rules = rulesForService(BUNDLED_RULE_PACK, service)!;

  it('sends no signal on the normal page, only "logged in"', async () => {
    const h = await open(service, 'normal');
    expect(h.signals()).toEqual([]);
    expect(h.messages).toEqual([{ type: 'content/loggedIn', payload: { service } }]);
  });

  it('sends no signal when users quote the error texts in posts, comments or messages', async () => {
    const h = await open(service, 'quote');
    // The page really contains an error text of the pack (a page-wide text search would fire).
    const text = normaliseText(document.body.textContent ?? '');
    expect(rules.banner.some((m) => normalisedPatterns(m.texts).some((p) => text.includes(p)))).toBe(true);
    expect(h.signals()).toEqual([]);
  });

  it('does not call a normal feed stalled, however long it stays', async () => {
    vi.useFakeTimers();
    const h = await open(service, 'normal');
    vi.advanceTimersByTime(10 * 60_000);
    expect(h.signals()).toEqual([]);
  });

  for (const state of BANNER_STATES[service] ?? ['banner', 'banner_bn']) {
    it(`detects the site's error banner on ${state}`, async () => {
      const h = await open(service, state);
      expect(h.kinds()).toEqual(['banner']);
      expect(rules.banner.map((m) => m.id)).toContain(h.signals()[0]!.split(':')[1]);
    });
  }

  for (const state of FEED_STATES[service] ?? ['feed_stalled']) {
    it(`detects the stalled feed on ${state}`, async () => {
      const h = await open(service, state);
      expect(h.kinds()).toContain('feed_stalled');
      expect(h.kinds()).not.toContain('logout');
      const feedIds = rules.feedStalled.matchers.map((m) => m.id);
      expect(h.signals().filter((s) => s.startsWith('feed_stalled:')).map((s) => s.split(':')[1])).toEqual([expect.toBeOneOf(feedIds)]);
    });
  }

  it('calls a feed that stays empty past the rule timeout stalled, and not before', async () => {
    vi.useFakeTimers();
    const h = await open(service, 'feed_empty');
    const timeout = rules.feedStalled.emptyFeed!.timeoutMs;
    expect(h.signals()).toEqual([]);
    vi.advanceTimersByTime(timeout - 1);
    expect(h.signals()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(h.signals()).toEqual([`feed_stalled:${rules.feedStalled.emptyFeed!.id}`]);
  });

  it('reports the login wall as a logout fact', async () => {
    const h = await open(service, 'login_wall', LOGIN_PATHS[service]);
    expect(h.kinds()).toEqual(['logout']);
    expect(h.signals()).toHaveLength(1);
    expect(h.messages.some((m) => m.type === 'content/loggedIn')).toBe(false);
  });

  it('sends rule ids only: no page text or URL in any message', async () => {
    for (const state of ['banner', 'feed_stalled', 'login_wall']) {
      const h = await open(service, state, LOGIN_PATHS[service]);
      for (const message of h.messages) {
        expect(Object.keys(message.payload).sort()).toEqual(message.type === 'content/signal' ? ['ruleId', 'service', 'signal'] : ['service']);
        if (message.type === 'content/signal') expect(message.payload.ruleId).toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
      }
    }
  });
});

describe('bundled rules in a real DOM', () => {
  it('has only selectors the DOM can parse (none is silently dropped)', () => {
    for (const rules of BUNDLED_RULE_PACK.services) {
      const all = [
        ...rules.userContentSelectors,
        ...[...rules.banner, ...rules.feedStalled.matchers, ...(rules.logout?.loginWall ?? []), ...(rules.logout?.logoutControls ?? [])].flatMap((m) => m.selectors),
        ...(rules.logout?.loggedInSelectors ?? []),
        ...(rules.feedStalled.emptyFeed ? [rules.feedStalled.emptyFeed.containerSelector, rules.feedStalled.emptyFeed.itemSelector] : []),
      ];
      expect(validSelectors(all, document), rules.service).toEqual(all);
    }
  });
});

describe('empty feed', () => {
  it('does not call the feed stalled when posts arrive before the timeout', async () => {
    vi.useFakeTimers();
    const h = await open('x', 'feed_empty');
    vi.advanceTimersByTime(20_000);
    document.querySelector('[aria-label^="Timeline"]')!.innerHTML = fixtureBody('x', 'normal').match(/<div data-testid="cellInnerDiv"[\s\S]*?<\/article>\s*<\/div>/)![0];
    await vi.waitFor(() => expect(h.scheduled()).toBe(1));
    h.runIdle();
    vi.advanceTimersByTime(60_000);
    expect(h.signals()).toEqual([]);
  });
});
