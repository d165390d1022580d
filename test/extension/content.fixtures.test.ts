// Every fixture page of every catalog service, judged by its name: the state
// before the first `_` says what the content script must send there
// (test/fixtures/sites/README.md). A fixture added for a new service or state
// is tested here without editing this file.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { normalisedPatterns, normaliseText } from '../../src/core/rules/text.ts';
import { validSelectors } from '../../src/content/compiledRules.ts';
import { SERVICES, fixtureBody, fixtureStates, loadFixture, loginPathOf, startOn, type Harness } from './contentHarness.ts';

const harnesses: Harness[] = [];
async function open(service: string, state: string, path = '/') {
  loadFixture(service, state);
  const h = await startOn(service, { path });
  harnesses.push(h);
  return h;
}

afterEach(() => {
  for (const h of harnesses.splice(0)) h.handle?.stop();
  vi.useRealTimers();
});

/** What a fixture state's name promises. */
const FIXTURE_KINDS = ['normal', 'quote', 'banner', 'feed_stalled', 'feed_empty', 'login_wall'] as const;
const kindOf = (state: string) => FIXTURE_KINDS.find((kind) => state === kind || state.startsWith(`${kind}_`));
const statesOf = (service: string, kind: (typeof FIXTURE_KINDS)[number]) => fixtureStates(service).filter((s) => kindOf(s) === kind);

describe.each(SERVICES)('%s fixture pages', (service) => {
  const rules = rulesForService(BUNDLED_RULE_PACK, service)!;

  it('are each named after a known state', () => {
    expect(fixtureStates(service).filter((state) => !kindOf(state))).toEqual([]);
  });

  it('send no signal on the normal page, only "logged in"', async () => {
    const h = await open(service, 'normal');
    expect(h.signals()).toEqual([]);
    expect(h.messages).toEqual([{ type: 'content/loggedIn', payload: { service } }]);
  });

  for (const state of statesOf(service, 'normal').filter((s) => s !== 'normal')) {
    it(`send no signal on ${state}`, async () => {
      const h = await open(service, state);
      expect(h.signals()).toEqual([]);
    });
  }

  for (const state of statesOf(service, 'quote')) {
    it(`send no signal when users quote the error texts (${state})`, async () => {
      const h = await open(service, state);
      // The page really contains an error text of the pack (a page-wide text search would fire).
      const text = normaliseText(document.body.textContent ?? '');
      expect(rules.banner.some((m) => normalisedPatterns(m.texts).some((p) => text.includes(p)))).toBe(true);
      expect(h.signals()).toEqual([]);
    });
  }

  it('do not call a normal feed stalled, however long it stays', async () => {
    vi.useFakeTimers();
    const h = await open(service, 'normal');
    vi.advanceTimersByTime(10 * 60_000);
    expect(h.signals()).toEqual([]);
  });

  for (const state of statesOf(service, 'banner')) {
    it(`detect the site's error banner on ${state}`, async () => {
      const h = await open(service, state);
      expect(h.kinds()).toEqual(['banner']);
      expect(rules.banner.map((m) => m.id)).toContain(h.signals()[0]!.split(':')[1]);
    });
  }

  for (const state of statesOf(service, 'feed_stalled')) {
    it(`detect the stalled feed on ${state}`, async () => {
      const h = await open(service, state);
      expect(h.kinds()).toContain('feed_stalled');
      expect(h.kinds()).not.toContain('logout');
      const feedIds = rules.feedStalled.matchers.map((m) => m.id);
      expect(h.signals().filter((s) => s.startsWith('feed_stalled:')).map((s) => s.split(':')[1])).toEqual([expect.toBeOneOf(feedIds)]);
    });
  }

  for (const state of statesOf(service, 'feed_empty')) {
    it(`call a feed that stays empty past the rule timeout stalled, and not before (${state})`, async () => {
      vi.useFakeTimers();
      const h = await open(service, state);
      const timeout = rules.feedStalled.emptyFeed!.timeoutMs;
      expect(h.signals()).toEqual([]);
      vi.advanceTimersByTime(timeout - 1);
      expect(h.signals()).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(h.signals()).toEqual([`feed_stalled:${rules.feedStalled.emptyFeed!.id}`]);
    });
  }

  for (const state of statesOf(service, 'login_wall')) {
    it(`report the login wall as a logout fact (${state})`, async () => {
      const h = await open(service, state, loginPathOf(service));
      expect(h.kinds()).toEqual(['logout']);
      expect(h.signals()).toHaveLength(1);
      expect(h.messages.some((m) => m.type === 'content/loggedIn')).toBe(false);
    });
  }

  it('send rule ids only: no page text or URL in any message', async () => {
    const failures = fixtureStates(service).filter((s) => !['normal', 'quote'].includes(kindOf(s)!));
    expect(failures.length).toBeGreaterThan(0);
    for (const state of failures) {
      const h = await open(service, state, loginPathOf(service));
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
