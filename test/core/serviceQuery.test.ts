import { describe, expect, it } from 'vitest';
import { serviceForQuery } from '../../src/core/serviceId.ts';

describe('serviceForQuery (the popup search)', () => {
  it('finds a catalog service by id or name, in any case', () => {
    expect(serviceForQuery('x')).toBe('x');
    expect(serviceForQuery('  WhatsApp ')).toBe('whatsapp');
    expect(serviceForQuery('YOUTUBE')).toBe('youtube');
  });

  it('maps a host or an address to its catalog service or registrable domain', () => {
    expect(serviceForQuery('twitter.com')).toBe('x');
    expect(serviceForQuery('https://web.whatsapp.com/some/path?q=1')).toBe('whatsapp');
    expect(serviceForQuery('news.example.co.uk')).toBe('example.co.uk');
    expect(serviceForQuery('http://shop.example.org:8080/')).toBe('example.org');
  });

  it('names nothing for text that is neither', () => {
    for (const query of ['', '   ', 'facebookk', 'localhost', '127.0.0.1', 'co.uk', 'not a site', 'x'.repeat(400)]) {
      expect({ query, service: serviceForQuery(query) }).toEqual({ query, service: undefined });
    }
  });
});
