import { CROP_CACHE_CONTROL, DOCUMENT_CACHE_CONTROL, LIVE_UPDATES_CACHE_CONTROL, SEARCH_CACHE_CONTROL, seoHeaderRules } from '@/lib/seo/http-headers';

describe('seoHeaderRules', () => {
  it('lets a CDN cache documents briefly and serve them stale while it revalidates', () => {
    expect(DOCUMENT_CACHE_CONTROL).toMatch(/s-maxage=\d+, stale-while-revalidate=\d+/);
    const [documents, crops] = seoHeaderRules({ indexable: true });
    expect(documents.headers).toEqual([{ key: 'Cache-Control', value: DOCUMENT_CACHE_CONTROL }]);
    expect(crops).toEqual({ source: '/crops/:path*', headers: [{ key: 'Cache-Control', value: CROP_CACHE_CONTROL }] });
  });

  it('keeps search results out of shared caches and indexes, after the document rule so that it wins', () => {
    const rules = seoHeaderRules({ indexable: true });
    const search = rules.findIndex((rule) => rule.source === '/search');
    expect(search).toBeGreaterThan(0);
    expect(rules[search].headers).toEqual([
      { key: 'Cache-Control', value: SEARCH_CACHE_CONTROL },
      { key: 'X-Robots-Tag', value: 'noindex, follow' },
    ]);
    expect(SEARCH_CACHE_CONTROL).not.toMatch(/public|s-maxage/);
  });

  it("gives a live blog's updates.json a CDN lifetime of seconds, after the document rule so that it wins", () => {
    const rules = seoHeaderRules({ indexable: true });
    const updates = rules.findIndex((rule) => rule.source === '/:section/:slug/updates.json');
    expect(updates).toBeGreaterThan(0);
    expect(rules[updates].headers).toEqual([{ key: 'Cache-Control', value: LIVE_UPDATES_CACHE_CONTROL }]);
    expect(LIVE_UPDATES_CACHE_CONTROL).toMatch(/max-age=0, s-maxage=[1-5], stale-while-revalidate=\d+/);
  });

  it('leaves Next assets and photo files to their own headers', () => {
    const source = new RegExp(`^/${seoHeaderRules({ indexable: true })[0].source.replace('/:path', '')}$`);
    expect(['/', '/world', '/feed.xml', '/sitemaps/news.xml'].every((path) => source.test(path))).toBe(true);
    expect(['/_next/static/chunks/a.js', '/photos/a.jpg', '/crops/1x1/a.jpg', '/api/revalidate'].some((path) => source.test(path))).toBe(false);
  });

  it('marks every response noindex on a deployment that must not be indexed', () => {
    // On an indexable deployment only search results carry one.
    const tagged = seoHeaderRules({ indexable: true }).filter((rule) => rule.headers.some((h) => h.key === 'X-Robots-Tag'));
    expect(tagged.map((rule) => rule.source)).toEqual(['/search']);
    expect(seoHeaderRules({ indexable: false }).at(-1)).toEqual({ source: '/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex' }] });
  });
});
