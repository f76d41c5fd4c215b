import { latest } from '@/lib/dates';
import { parseFeed } from '@rowanmanning/feed-parser';
import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { request } from '@/__tests__/helpers/http';
import { SCHEMAS, schemaErrors } from '@/__tests__/helpers/xmllint';
import { getContent } from '@/lib/content/repository';
import { tagPath } from '@/lib/paths';
import { feedPath, type FeedFormat } from '@/lib/seo/discovery';
import { FEED_SIZE } from '@/lib/seo/feeds';
import { DOCUMENT_CACHE_CONTROL } from '@/lib/seo/http-headers';
import { ARTICLES_PER_SITEMAP, NEWS_WINDOW_MS, SITEMAP_PATHS } from '@/lib/seo/sitemaps';
import { baseUrl } from './helpers/browser';
import { E2E_PUBLIC_ORIGIN } from './setup/server';

// Every sitemap URL and JSON-LD image is fetched; the project-level testTimeout is not applied.

const content = getContent();
const article = content.articles[0];
const syndicated = content.articles.find((a) => a.syndication?.noindexNews);

/** The server was built for the public origin; its absolute URLs are fetched from the test server. */
const local = (url: string) => url.replace(E2E_PUBLIC_ORIGIN, baseUrl());
const get = (path: string, init?: RequestInit) => fetch(`${baseUrl()}${path}`, { redirect: 'manual', ...init });
const text = async (path: string) => (await get(path)).text();
const head = (html: string) => html.slice(0, html.indexOf('</head>'));
const locs = (xml: string, tag = 'loc') => [...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);

/**
 * A conditional GET as a CDN sends it. fetch() adds "Cache-Control: no-cache" to any request
 * with If-None-Match (Fetch spec), and Next then always answers 200.
 */
async function conditionalGet(path: string, etag: string): Promise<{ status: number; cacheControl?: string }> {
  const { status, headers } = await request(`${baseUrl()}${path}`, { 'If-None-Match': etag });
  return { status, cacheControl: headers['cache-control'] };
}

async function statusOf(url: string): Promise<number> {
  return (await fetch(local(url), { method: 'HEAD', redirect: 'manual' })).status;
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
}

describe('sitemaps', () => {
  it('serves an index of the pages, articles and news sitemaps, valid against siteindex.xsd', async () => {
    const response = await get(SITEMAP_PATHS.index);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await response.text();
    expect(schemaErrors(xml, SCHEMAS.sitemapIndex)).toBe('');
    expect(locs(xml)).toEqual([SITEMAP_PATHS.pages, SITEMAP_PATHS.articles, SITEMAP_PATHS.news].map((p) => `${E2E_PUBLIC_ORIGIN}${p}`));
  });

  it.each([SITEMAP_PATHS.pages, SITEMAP_PATHS.articles, SITEMAP_PATHS.news])(
    '%s is valid against the sitemaps.org, image and news XSDs and every URL in it answers 200',
    async (path) => {
      const xml = await text(path);
      expect(schemaErrors(xml, SCHEMAS.urlset)).toBe('');
      const urls = [...locs(xml), ...locs(xml, 'image:loc')];
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((url) => !url.startsWith(`${E2E_PUBLIC_ORIGIN}/`))).toEqual([]);
      const statuses = await Promise.all(urls.map(async (url) => `${url} -> ${await statusOf(url)}`));
      expect(statuses.filter((line) => !line.endsWith('-> 200'))).toEqual([]);
    },
  );

  it('serves the articles sitemap as one part at this size and answers 404 for any other part or spelling', async () => {
    expect(content.articles.length).toBeLessThanOrEqual(ARTICLES_PER_SITEMAP);
    for (const path of ['/sitemaps/articles-2.xml', '/sitemaps/articles-1.xml', '/sitemaps/articles-02.xml', '/sitemaps/articles-x.xml', '/sitemaps/other.xml']) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
  });

  it('lists every article with its last change and every photo', async () => {
    const xml = await text(SITEMAP_PATHS.articles);
    for (const a of content.articles) {
      const entry = xml.slice(xml.indexOf(`<loc>${E2E_PUBLIC_ORIGIN}${a.path}</loc>`));
      expect(entry).toMatch(new RegExp(`^<loc>[^<]+</loc>\\s*<lastmod>${(a.updated ?? a.published).replace('+', '\\+')}</lastmod>`));
      expect(locs(entry.slice(0, entry.indexOf('</url>')), 'image:loc')).toEqual([a.hero!, ...a.gallery].map((p) => `${E2E_PUBLIC_ORIGIN}${p.src}`));
    }
  });

  it('puts only the last two days of own stories in the news sitemap, with publication and title', async () => {
    const xml = await text(SITEMAP_PATHS.news);
    const listed = locs(xml).map((url) => url.replace(E2E_PUBLIC_ORIGIN, ''));
    const newest = Math.max(...content.articles.map((a) => a.publishedTime));
    const expected = content.articles.filter((a) => !a.syndication?.noindexNews && newest - a.publishedTime <= NEWS_WINDOW_MS);
    expect(listed).toEqual(expected.map((a) => a.path));
    expect(listed.length).toBeLessThanOrEqual(1000);
    if (syndicated) expect(listed).not.toContain(syndicated.path);
    expect(xml).toContain('<news:name>NewsBite</news:name>');
    expect(locs(xml, 'news:publication_date')).toEqual(expected.map((a) => a.published));
  });

  it('names the sitemap index in robots.txt', async () => {
    const robots = await text('/robots.txt');
    expect(robots).toContain(`Sitemap: ${E2E_PUBLIC_ORIGIN}${SITEMAP_PATHS.index}`);
  });
});

describe('feeds', () => {
  const channels = [{ path: '/', articles: content.articles }, ...content.sections.map((s) => ({ path: `/${s.slug}`, articles: content.articlesInSection(s.slug) }))];
  const cases = channels.flatMap((channel) => (['rss', 'atom'] as FeedFormat[]).map((format) => ({ ...channel, format, url: feedPath(channel.path, format) })));

  it.each(cases)('$url is read by a feed reader with full stories', async ({ url, format, articles }) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`application/${format === 'rss' ? 'rss' : 'atom'}+xml; charset=utf-8`);
    const feed = parseFeed(await response.text());
    const expected = articles.slice(0, FEED_SIZE);
    expect(feed.items.map((item) => item.url)).toEqual(expected.map((a) => `${E2E_PUBLIC_ORIGIN}${a.path}`));
    feed.items.forEach((item, i) => {
      const a = expected[i];
      expect(item.id).toBe(`${E2E_PUBLIC_ORIGIN}${a.path}`);
      expect(item.title).toBe(a.headline);
      expect(item.published?.getTime()).toBe(a.publishedTime);
      expect(item.content?.length).toBeGreaterThan(a.standfirst.length);
      expect(item.authors.length).toBeGreaterThan(0);
      expect(item.categories.map((c) => c.term)).toEqual(expect.arrayContaining(a.tags.map((t) => t.name)));
      expect(item.media.map((m) => m.url)).toContain(`${E2E_PUBLIC_ORIGIN}${a.hero!.src}`);
    });
  });
});

describe('page metadata', () => {
  const pages = ['/', `/${content.sections[0].slug}`, tagPath(content.tags[0].slug), content.authors[0].path, article.path];

  it.each(pages)('%s has an absolute canonical, robots with large image previews and the feeds, inside <head>', async (path) => {
    const html = head(await text(path));
    const canonical = /<link rel="canonical" href="([^"]+)"\/>/.exec(html)?.[1];
    expect(canonical && new URL(canonical).href).toBe(`${E2E_PUBLIC_ORIGIN}${path}`);
    expect(html).toContain('<meta name="robots" content="index, follow, max-image-preview:large"/>');
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" href="${E2E_PUBLIC_ORIGIN}/feed.xml"`);
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" href="${E2E_PUBLIC_ORIGIN}/atom.xml"`);
  });

  it("advertises a section's feeds on its front and its articles", async () => {
    for (const path of [`/${article.section}`, article.path]) {
      expect(head(await text(path))).toContain(`href="${E2E_PUBLIC_ORIGIN}/${article.section}/feed.xml"`);
    }
  });

  (syndicated ? it : it.skip)('keeps a syndicated copy out of Google News only, attribution visible', async () => {
    const html = await text(syndicated!.path);
    expect(head(html)).toContain('<meta name="googlebot-news" content="noindex"/>');
    expect(html).toContain(`href="${syndicated!.syndication!.originalUrl}"`);
    expect(head(await text(article.path === syndicated!.path ? '/' : article.path))).not.toContain('googlebot-news');
  });
});

describe('structured data', () => {
  it('describes every article as a NewsArticle with a breadcrumb trail; every image answers at its stated size', async () => {
    for (const a of content.articles) {
      const [news, breadcrumbs] = jsonLd(await text(a.path));
      const url = `${E2E_PUBLIC_ORIGIN}${a.path}`;
      expect(news).toMatchObject({
        '@context': 'https://schema.org',
        // A live blog is a LiveBlogPosting, modified by its latest update.
        '@type': a.live ? 'LiveBlogPosting' : 'NewsArticle',
        headline: a.headline,
        description: a.standfirst,
        datePublished: a.published,
        dateModified: latest([a.updated ?? a.published, ...(content.liveBlog(a)?.latest ? [content.liveBlog(a)!.latest!.posted] : [])]),
        mainEntityOfPage: { '@type': 'WebPage', '@id': url },
        articleSection: content.section(a.section)!.name,
        keywords: a.tags.map((t) => t.name),
        isAccessibleForFree: true,
        publisher: { '@type': 'NewsMediaOrganization', name: 'NewsBite', logo: { url: `${E2E_PUBLIC_ORIGIN}/logo.png` } },
      });
      expect(news.author).toEqual(
        a.authors.map((id) => expect.objectContaining({ '@type': 'Person', name: content.author(id)!.name, url: `${E2E_PUBLIC_ORIGIN}/author/${id}` })),
      );
      const images = news.image as { url: string; width: string; height: string }[];
      expect(images.length).toBe(4);
      for (const image of images) {
        const response = await fetch(local(image.url));
        expect(`${image.url} ${response.status}`).toBe(`${image.url} 200`);
        const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
        expect(`${width}x${height}`).toBe(`${image.width}x${image.height}`);
      }
      // 16:9, 4:3 and 1:1 crops, 1200 px wide wherever the photo is large enough.
      expect(images.slice(1).map((i) => Number(i.width) / Number(i.height))).toEqual([16 / 9, 4 / 3, 1].map((r) => expect.closeTo(r, 2)));
      expect(breadcrumbs).toMatchObject({
        '@type': 'BreadcrumbList',
        itemListElement: [{ position: 1 }, { position: 2, item: `${E2E_PUBLIC_ORIGIN}/${a.section}` }, { position: 3, item: url }],
      });
    }
  });

  it('describes the site and its publisher on the home page, with a 600x60 PNG logo', async () => {
    const [graph] = jsonLd(await text('/'));
    expect((graph['@graph'] as { '@type': string }[]).map((node) => node['@type'])).toEqual(['WebSite', 'NewsMediaOrganization']);
    const logo = await get('/logo.png');
    expect(logo.headers.get('content-type')).toBe('image/png');
    const { width, height } = await sharp(Buffer.from(await logo.arrayBuffer())).metadata();
    expect([width, height]).toEqual([600, 60]);
  });
});

describe('HTML validity', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:standard', 'html-validate:document'],
    rules: {
      // React's useId ids ("_R_") are valid HTML5 ids; only the stricter style check rejects them.
      'valid-id': ['error', { relaxed: true }],
      // Next's own same-origin, content-hashed scripts and styles: SRI adds nothing there.
      'require-sri': 'off',
    },
  });

  it.each(['/', `/${content.sections[0].slug}`, article.path])('%s has no HTML errors', async (path) => {
    const report = await validator.validateString(await text(path));
    const errors = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`));
    expect(errors).toEqual([]);
  });
});

describe('HTTP semantics', () => {
  it.each([
    [`${article.path}/`, article.path],
    [`/${article.section}/`, `/${article.section}`],
    [article.path.toUpperCase(), article.path],
    [`/${article.section.toUpperCase()}?page=1`, `/${article.section}?page=1`],
    [tagPath(content.tags[0].slug).replace('/tag/', '/Tag/'), tagPath(content.tags[0].slug)],
  ])('%s redirects with 308 to %s', async (from, to) => {
    const response = await get(from);
    expect(response.status).toBe(308);
    expect(new URL(response.headers.get('location')!, baseUrl()).pathname + new URL(response.headers.get('location')!, baseUrl()).search).toBe(to);
  });

  it('leaves files with capitals in their names alone (no redirect to lower case)', async () => {
    // Only photos are served from the photos folder; the credits file is the editors' record.
    expect((await get('/photos/CREDITS.md')).status).toBe(404);
  });

  it.each(['/', article.path, '/feed.xml', SITEMAP_PATHS.news])('%s lets a CDN cache it and revalidate in the background', async (path) => {
    expect((await get(path)).headers.get('cache-control')).toBe(DOCUMENT_CACHE_CONTROL);
  });

  it.each(['/', `/${article.section}`, article.path])('%s answers 304 to a matching If-None-Match', async (path) => {
    const etag = (await get(path)).headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await conditionalGet(path, etag!)).toEqual({ status: 304, cacheControl: DOCUMENT_CACHE_CONTROL });
    expect((await conditionalGet(path, '"stale"')).status).toBe(200);
  });

  it('answers 404 for unknown pages and feeds, never a CDN-cacheable copy', async () => {
    for (const path of ['/no-such-section', '/no-such-section/feed.xml', `${article.path}x`]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
    }
  });
});
