// docs/privacy-and-trust.md "pages cannot speak for a service": which requests to a
// service's hosts count for it (src/core/requestOrigin.ts).
import { describe, expect, test } from 'vitest';
import { requestSpeaksFor, serviceOfPage } from '../../src/core/requestOrigin.ts';

describe('requestSpeaksFor', () => {
  test('a top-level navigation to the service is its own page, whoever linked to it', () => {
    expect(requestSpeaksFor('x', { type: 'main_frame' })).toBe(true);
    expect(requestSpeaksFor('x', { type: 'main_frame', initiator: 'https://news.example.co.uk' })).toBe(true);
  });

  test('a request made by a page of the same service counts (Chrome initiator, Firefox documentUrl)', () => {
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest', initiator: 'https://x.com' })).toBe(true);
    expect(requestSpeaksFor('x', { type: 'image', documentUrl: 'https://twitter.com/home' })).toBe(true);
    expect(requestSpeaksFor('x', { type: 'script', originUrl: 'https://mobile.x.com/home' })).toBe(true);
  });

  test('an iframe, image or fetch embedded by another site’s page does not count', () => {
    for (const type of ['sub_frame', 'image', 'xmlhttprequest', 'script']) {
      expect(requestSpeaksFor('x', { type, initiator: 'https://news.example.co.uk' })).toBe(false);
      expect(requestSpeaksFor('x', { type, documentUrl: 'https://news.example.co.uk/embeds', tabUrl: 'https://x.com/home' })).toBe(false);
    }
  });

  test('another catalog service’s page does not speak for this one', () => {
    expect(requestSpeaksFor('x', { type: 'sub_frame', initiator: 'https://www.reddit.com' })).toBe(false);
  });

  test('a document on an API host or an opaque origin is no page of the service', () => {
    expect(requestSpeaksFor('x', { type: 'image', initiator: 'https://abs.twimg.com' })).toBe(false);
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest', initiator: 'null' })).toBe(false);
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest', initiator: 'chrome-extension://abc' })).toBe(false);
  });

  test('without a named document, the tab decides; no tab (a worker, the browser itself) does not count', () => {
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest', tabUrl: 'https://x.com/home' })).toBe(true);
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest', tabUrl: 'https://news.example.co.uk/' })).toBe(false);
    expect(requestSpeaksFor('x', { type: 'xmlhttprequest' })).toBe(false);
  });

  test('a host that merely ends like the service’s is not its page', () => {
    expect(requestSpeaksFor('x', { type: 'image', initiator: 'https://notx.com' })).toBe(false);
  });
});

test('serviceOfPage only knows http(s) pages of catalog hosts', () => {
  expect(serviceOfPage('https://www.facebook.com/')).toBe('facebook');
  expect(serviceOfPage('ftp://x.com/')).toBeUndefined();
  expect(serviceOfPage('not a url')).toBeUndefined();
  expect(serviceOfPage(undefined)).toBeUndefined();
});
