import { makeArticle } from '@/__tests__/helpers/articles';
import { SCHEMAS, schemaErrors } from '@/__tests__/helpers/xmllint';
import { latest } from '@/lib/dates';
import { NEWS_SITEMAP_LIMIT, newsSitemapArticles, newsSitemapXml, sitemapIndexXml, urlsetXml } from '@/lib/seo/sitemaps';

describe('sitemap XML', () => {
  it('writes a urlset with image entries that the sitemaps.org and Google image XSDs accept', () => {
    const xml = urlsetXml([
      { path: '/world/storm?a=1&b=<2>', lastmod: '2026-11-22T08:15:00+09:00', images: ['/photos/a.jpg', '/photos/b.jpg'] },
      { path: '/' },
    ]);
    expect(schemaErrors(xml, SCHEMAS.urlset)).toBe('');
    expect(xml).toContain('<loc>http://localhost:3000/world/storm?a=1&amp;b=%3C2%3E</loc>');
    // The XSD's order: loc, lastmod, then extension elements.
    expect(xml).toMatch(/<loc>[^<]+<\/loc>\s*<lastmod>[^<]+<\/lastmod>\s*<image:image>\s*<image:loc>http:\/\/localhost:3000\/photos\/a.jpg<\/image:loc>/);
  });

  it('writes a news sitemap that the Google news XSD accepts, titles escaped', () => {
    const xml = newsSitemapXml([{ path: '/world/storm', title: 'Tom & Jerry </script>', publicationDate: '2026-11-22T08:15:00+09:00' }]);
    expect(schemaErrors(xml, SCHEMAS.urlset)).toBe('');
    expect(xml).toContain('<news:title>Tom &amp; Jerry &lt;/script&gt;</news:title>');
    expect(xml).toContain('<news:name>NewsBite</news:name>');
    expect(xml).toContain('<news:language>en</news:language>');
  });

  it('writes a sitemap index the siteindex XSD accepts', () => {
    const xml = sitemapIndexXml([{ path: '/sitemaps/pages.xml', lastmod: '2026-11-22T08:15:00+09:00' }, { path: '/sitemaps/news.xml' }]);
    expect(schemaErrors(xml, SCHEMAS.sitemapIndex)).toBe('');
  });

  it('is checked for real: an element out of the XSD order is rejected', () => {
    const xml = urlsetXml([{ path: '/', lastmod: '2026-11-22T08:15:00+09:00' }]).replace(
      /(<loc>[^<]+<\/loc>)\s*(<lastmod>[^<]+<\/lastmod>)/,
      '$2$1',
    );
    expect(schemaErrors(xml, SCHEMAS.urlset)).toMatch(/lastmod/);
  });
});

describe('newsSitemapArticles', () => {
  const hours = (n: number) => n / 24;

  it('keeps the two days before the newest story, newest first', () => {
    const articles = [makeArticle('old', { day: -2.01 }), makeArticle('edge', { day: -2 }), makeArticle('new', { day: 0 }), makeArticle('mid', { day: hours(-30) })];
    expect(newsSitemapArticles(articles).map((a) => a.slug)).toEqual(['new', 'mid', 'edge']);
  });

  it('leaves out syndicated copies marked noindexNews', () => {
    const syndication = { source: 'Wire', originalUrl: 'https://wire.example/a', noindexNews: true };
    const articles = [makeArticle('copy', { syndication }), makeArticle('ours', { day: -1 }), makeArticle('allowed', { syndication: { ...syndication, noindexNews: false } })];
    expect(newsSitemapArticles(articles).map((a) => a.slug)).toEqual(['allowed', 'ours']);
  });

  it('lists at most 1,000 stories', () => {
    const articles = Array.from({ length: NEWS_SITEMAP_LIMIT + 5 }, (_, i) => makeArticle(`a${i}`, { day: -i / 1000 }));
    expect(newsSitemapArticles(articles)).toHaveLength(NEWS_SITEMAP_LIMIT);
  });
});

describe('latest', () => {
  it('compares instants, not strings, and keeps the date as written', () => {
    expect(latest(['2026-11-22T08:00:00+09:00', '2026-11-22T00:30:00Z'])).toBe('2026-11-22T00:30:00Z');
    expect(latest([])).toBeUndefined();
  });
});
