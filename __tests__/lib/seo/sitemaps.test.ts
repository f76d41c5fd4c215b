import { makeArticle, testPhoto } from '@/__tests__/helpers/articles';
import { SCHEMAS, schemaErrors } from '@/__tests__/helpers/xmllint';
import { createRepository } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { lastModified, latest } from '@/lib/dates';
import { articleSitemapXml, sitemapIndexEntries } from '@/lib/seo/site-content';
import {
  ARTICLES_PER_SITEMAP,
  articleSitemapPartOf,
  NEWS_SITEMAP_LIMIT,
  newsSitemapArticles,
  newsSitemapXml,
  SITEMAP_PATHS,
  sitemapIndexXml,
  urlsetXml,
} from '@/lib/seo/sitemaps';

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

  it('escapes hostile text and drops characters XML forbids, staying valid', () => {
    const hostile = `Tom & "Jerry" <b>'s</b> ]]> \u0001\u001F\uFFFE\uD800 end 🚀`;
    const urls = urlsetXml([{ path: `/world/a&b"c'<d>`, lastmod: '2026-11-22T08:15:00Z', images: [`/photos/x&y'z.jpg`] }]);
    expect(schemaErrors(urls, SCHEMAS.urlset)).toBe('');
    expect(urls).toContain(`<loc>http://localhost:3000/world/a&amp;b%22c&apos;%3Cd%3E</loc>`);
    expect(urls).toContain(`<image:loc>http://localhost:3000/photos/x&amp;y&apos;z.jpg</image:loc>`);
    const news = newsSitemapXml([{ path: '/world/a', title: hostile, publicationDate: '2026-11-22T08:15:00Z' }]);
    expect(schemaErrors(news, SCHEMAS.urlset)).toBe('');
    expect(news).toContain('<news:title>Tom &amp; &quot;Jerry&quot; &lt;b&gt;&apos;s&lt;/b&gt; ]]&gt;  end 🚀</news:title>');
  });

  it('is checked for real: an element out of the XSD order is rejected', () => {
    const xml = urlsetXml([{ path: '/', lastmod: '2026-11-22T08:15:00+09:00' }]).replace(
      /(<loc>[^<]+<\/loc>)\s*(<lastmod>[^<]+<\/lastmod>)/,
      '$2$1',
    );
    expect(schemaErrors(xml, SCHEMAS.urlset)).toMatch(/lastmod/);
  });
});

describe('articles sitemap in parts', () => {
  const PER_PART = 10;
  const sections = [{ slug: 'world', name: 'World', description: 'World news.' }];
  const authors = [{ id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' }];
  const now = Date.parse('2027-01-01T00:00:00Z');
  /** Story i of 25 is published on day i, so story 0 is the oldest. */
  const stories = Array.from({ length: 25 }, (_, i) =>
    makeArticle(`story-${i}`, { day: i - 30, gallery: i % 2 ? [testPhoto] : [], hero: i % 3 ? testPhoto : undefined }),
  );
  // A correction on story 3 makes it the newest change of part 1.
  stories[3] = { ...stories[3], corrections: [{ date: '2026-11-10T09:00:00+01:00', text: 'Fixed a name.' }] };
  /** Newest first, as the content loader sorts them. */
  const site = (articles: Article[]) => createRepository({ sections, authors, articles: [...articles].sort((a, b) => b.publishedTime - a.publishedTime) }, now);
  const content = site(stories);
  const part = (n: number, repository = content) => articleSitemapXml(n, repository, PER_PART);
  const slugs = (xml: string) => [...xml.matchAll(/<loc>http:\/\/localhost:3000\/world\/([^<]+)<\/loc>/g)].map((m) => m[1]);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `story-${from + i}`);

  it('splits 25 stories into 3 parts, oldest first, each valid against the XSDs', async () => {
    const parts = await Promise.all([1, 2, 3].map((n) => part(n)));
    expect(parts.map((xml) => slugs(xml!))).toEqual([range(0, 10), range(10, 20), range(20, 25)]);
    for (const xml of parts) expect(schemaErrors(xml!, SCHEMAS.urlset)).toBe('');
    expect(parts[0]).toMatch(/<loc>[^<]+story-1<\/loc>\s*<lastmod>[^<]+<\/lastmod>\s*<image:image>\s*<image:loc>http:\/\/localhost:3000\/photos\/test.jpg<\/image:loc>/);
  });

  it('answers no part beyond the last, and none for no story', async () => {
    expect(await Promise.all([0, 4, 1.5, -1].map((n) => part(n)))).toEqual([undefined, undefined, undefined, undefined]);
    expect(await part(1, site([]))).toBeUndefined();
    expect((await sitemapIndexEntries(site([]), PER_PART)).map((entry) => entry.path)).toEqual([SITEMAP_PATHS.pages]);
  });

  it('lists every part in the index, each dated by the newest change among its stories', async () => {
    const entries = await sitemapIndexEntries(content, PER_PART);
    const newestOf = (from: number, to: number) => latest(stories.slice(from, to).map(lastModified));
    expect(entries.filter((entry) => entry.path.includes('/articles'))).toEqual([
      { path: '/sitemaps/articles.xml', lastmod: '2026-11-10T09:00:00+01:00' },
      { path: '/sitemaps/articles-2.xml', lastmod: newestOf(10, 20) },
      { path: '/sitemaps/articles-3.xml', lastmod: newestOf(20, 25) },
    ]);
    expect(entries.map((entry) => entry.path)).toEqual([SITEMAP_PATHS.pages, SITEMAP_PATHS.articles, '/sitemaps/articles-2.xml', '/sitemaps/articles-3.xml', SITEMAP_PATHS.news]);
    const index = sitemapIndexXml(entries);
    expect(schemaErrors(index, SCHEMAS.sitemapIndex)).toBe('');
    expect(index).toMatch(/<loc>http:\/\/localhost:3000\/sitemaps\/articles-3.xml<\/loc>\s*<lastmod>2026-11-14T12:00:00Z<\/lastmod>/);
  });

  it('changes only the last part when a story is published, and opens a new part when it is full', async () => {
    const parts = (repository: typeof content, numbers: number[]) => Promise.all(numbers.map((n) => part(n, repository)));
    const before = await parts(content, [1, 2, 3]);
    const more = site([...stories, makeArticle('story-25', { day: -5 })]);
    expect(await parts(more, [1, 2])).toEqual(before.slice(0, 2));
    expect(slugs((await part(3, more))!)).toEqual(range(20, 26));
    const full = site([...stories, ...Array.from({ length: 6 }, (_, i) => makeArticle(`story-${25 + i}`, { day: i - 5 }))]);
    expect(await parts(full, [1, 2, 3])).toEqual([before[0], before[1], expect.any(String)]);
    expect(slugs((await part(4, full))!)).toEqual(['story-30']);
  });

  it('names part 1 articles.xml and later parts articles-N.xml, nothing else', () => {
    expect(ARTICLES_PER_SITEMAP).toBeLessThanOrEqual(50_000);
    expect(['/sitemaps/articles.xml', '/sitemaps/articles-2.xml', '/sitemaps/articles-31.xml'].map(articleSitemapPartOf)).toEqual([1, 2, 31]);
    const invalid = ['/sitemaps/articles-1.xml', '/sitemaps/articles-0.xml', '/sitemaps/articles-02.xml', '/sitemaps/articles-x.xml', '/sitemaps/articles-2.xml.gz', '/sitemaps/articles-2', '/sitemaps/articles--2.xml', '/sitemaps/articles-1e3.xml', '/sitemaps/articles-99999999999999999999.xml'];
    expect(invalid.map(articleSitemapPartOf)).toEqual(invalid.map(() => undefined));
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
