import { describe, expect, it } from 'vitest';
import { canonicalServiceId, catalogIdForRequestHost, serviceIdForHost } from '../../src/core/serviceId.ts';

describe('serviceIdForHost', () => {
  it('maps hosts of catalog services to the catalog id', () => {
    expect(serviceIdForHost('twitter.com')).toBe('x');
    expect(serviceIdForHost('mobile.twitter.com')).toBe('x');
    expect(serviceIdForHost('X.COM.')).toBe('x');
    expect(serviceIdForHost('web.whatsapp.com')).toBe('whatsapp');
    expect(serviceIdForHost('m.youtube.com')).toBe('youtube');
  });

  it('maps any other host to its registrable domain from the public-suffix list', () => {
    expect(serviceIdForHost('news.example.co.uk')).toBe('example.co.uk');
    expect(serviceIdForHost('www.prothomalo.com')).toBe('prothomalo.com');
    expect(serviceIdForHost('a.b.example.com.bd')).toBe('example.com.bd');
  });

  it('does not confuse a look-alike domain with a catalog host', () => {
    expect(serviceIdForHost('notx.com')).toBe('notx.com');
    expect(serviceIdForHost('x.com.evil.example')).toBe('evil.example');
  });

  it('returns undefined for hosts that have no registrable domain', () => {
    expect(serviceIdForHost('localhost')).toBeUndefined();
    expect(serviceIdForHost('127.0.0.1')).toBeUndefined();
    expect(serviceIdForHost('co.uk')).toBeUndefined();
    expect(serviceIdForHost('')).toBeUndefined();
  });
});

describe('canonicalServiceId', () => {
  it('keeps catalog ids and maps catalog hosts to them', () => {
    expect(canonicalServiceId('x')).toBe('x');
    expect(canonicalServiceId('twitter.com')).toBe('x');
    expect(canonicalServiceId('instagram.com')).toBe('instagram');
  });

  it('reduces other domains to their registrable domain and refuses bare words', () => {
    expect(canonicalServiceId('news.example.co.uk')).toBe('example.co.uk');
    expect(canonicalServiceId('notaservice')).toBeUndefined();
  });
});

describe('catalogIdForRequestHost', () => {
  it('counts API and CDN hosts for their service', () => {
    expect(catalogIdForRequestHost('pbs.twimg.com')).toBe('x');
    expect(catalogIdForRequestHost('scontent.cdninstagram.com')).toBe('instagram');
    expect(catalogIdForRequestHost('rr3---sn-abc.googlevideo.com')).toBe('youtube');
    expect(catalogIdForRequestHost('example.com')).toBeUndefined();
  });
});
