import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/catalog.ts';
import { pageServiceIdForHost } from '../../src/core/rules/hosts.ts';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { hasServiceRulesShape } from '../../src/core/rules/shape.ts';

describe('pageServiceIdForHost', () => {
  it('maps every page host of the catalog (and subdomains) to its service', () => {
    expect(pageServiceIdForHost('x.com')).toBe('x');
    expect(pageServiceIdForHost('mobile.twitter.com')).toBe('x');
    expect(pageServiceIdForHost('WWW.FACEBOOK.COM.')).toBe('facebook');
    expect(pageServiceIdForHost('web.whatsapp.com')).toBe('whatsapp');
    expect(pageServiceIdForHost('old.reddit.com')).toBe('reddit');
    expect(pageServiceIdForHost('m.youtube.com')).toBe('youtube');
    for (const service of CATALOG) expect(pageServiceIdForHost(service.pageHosts?.[0] ?? service.hosts[0]!)).toBe(service.id);
  });

  it('does not watch look-alikes, API hosts or a service’s non-page hosts', () => {
    expect(pageServiceIdForHost('notx.com')).toBeUndefined();
    expect(pageServiceIdForHost('pbs.twimg.com')).toBeUndefined();
    expect(pageServiceIdForHost('www.whatsapp.com')).toBeUndefined();
    expect(pageServiceIdForHost('')).toBeUndefined();
  });
});

describe('hasServiceRulesShape', () => {
  it('accepts every bundled service entry', () => {
    for (const rules of BUNDLED_RULE_PACK.services) expect(hasServiceRulesShape(rules), rules.service).toBe(true);
  });

  it('refuses data the content script would trip over', () => {
    const x = BUNDLED_RULE_PACK.services[0]!;
    expect(hasServiceRulesShape(null)).toBe(false);
    expect(hasServiceRulesShape({ ...x, banner: [{ id: 'a', selectors: 'div' }] })).toBe(false);
    expect(hasServiceRulesShape({ ...x, banner: [{ id: 'a', selectors: ['div'], texts: { en: 'oops' } }] })).toBe(false);
    expect(hasServiceRulesShape({ ...x, feedStalled: { matchers: [], emptyFeed: { id: 'e', containerSelector: 'main', itemSelector: 'a', timeoutMs: 0 } } })).toBe(false);
    expect(hasServiceRulesShape({ ...x, logout: { ...x.logout, loginPaths: [1] } })).toBe(false);
    expect(hasServiceRulesShape({ ...x, userContentSelectors: undefined })).toBe(false);
  });
});
