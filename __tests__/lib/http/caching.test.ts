import { matchesIfNoneMatch, preferredEncoding, sharedCacheLifetime } from '@/lib/http/caching';

describe('preferredEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, gzip;q=0.5', 'gzip'],
    ['deflate', 'identity'],
    ['GZIP', 'gzip'],
    ['br;q=abc, gzip', 'gzip'],
  ])('for %p picks %p', (header, coding) => {
    expect(preferredEncoding(header)).toBe(coding);
  });
});

describe('matchesIfNoneMatch', () => {
  const etags = ['"abc"', '"abc-br"'];
  it('matches any listed tag, weakly (W/ prefix ignored) and *', () => {
    expect(matchesIfNoneMatch('"abc"', etags)).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc-br"', etags)).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', etags)).toBe(true);
    expect(matchesIfNoneMatch('*', etags)).toBe(true);
  });
  it('does not match other tags or a missing header', () => {
    expect(matchesIfNoneMatch('"abcd"', etags)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etags)).toBe(false);
    expect(matchesIfNoneMatch('abc', etags)).toBe(false);
  });
});

describe('sharedCacheLifetime', () => {
  it('follows s-maxage, else max-age, for a page built once', () => {
    expect(sharedCacheLifetime('s-maxage=31536000', false)).toBe(31536000);
    expect(sharedCacheLifetime('public, max-age=60', false)).toBe(60);
  });
  it('never goes beyond the revalidate period', () => {
    expect(sharedCacheLifetime('s-maxage=60, stale-while-revalidate=31535940', 10)).toBe(10);
    expect(sharedCacheLifetime('s-maxage=5', 10)).toBe(5);
  });
  it('stores nothing private, uncacheable or without a lifetime', () => {
    expect(sharedCacheLifetime('private, no-cache, no-store, max-age=0, must-revalidate', false)).toBe(0);
    expect(sharedCacheLifetime('s-maxage=60, no-store', false)).toBe(0);
    expect(sharedCacheLifetime('public', false)).toBe(0);
    expect(sharedCacheLifetime(undefined, false)).toBe(0);
  });
});
