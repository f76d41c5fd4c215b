import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { feedPath } from '@/lib/seo/discovery';
import { SITEMAP_PATHS } from '@/lib/seo/sitemaps';
import { schemaErrors, SCHEMAS } from '../helpers/xmllint';
import { HOSTILE, writeHostileContent, type HostileArticle } from '../helpers/hostile-content';
import { launchBrowser } from './helpers/browser';
import { siteBuild, startSite } from './setup/server';

/** A second server on the same build, reading hostile content: nothing in it may execute. */
let site: { baseUrl: string; server: ChildProcess };
let contentDir: string;
let articles: HostileArticle[];
let browser: Browser;

beforeAll(async () => {
  ({ contentDir, articles } = writeHostileContent());
  site = await startSite(siteBuild(process.env.E2E_DIST_DIR ?? '.next-e2e', { CONTENT_DIR: contentDir }));
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  site?.server.kill('SIGTERM');
  if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
});

const pathOf = (article: HostileArticle) => `/${article.section}/${article.slug}`;

/** Markup outside <script> elements, where an injected tag or attribute would be live. */
function markupOutsideScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
}

describe('hostile content', () => {
  it('renders every page with escaped text and no live injected markup', async () => {
    for (const article of articles) {
      for (const path of [pathOf(article), `${pathOf(article)}/photos/1`, `/${article.section}`, '/author/eve-hostile', '/', '/search?q=headline+opening']) {
        const response = await fetch(`${site.baseUrl}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        // Escaped text may spell `onerror=` inside an attribute value; a live tag would not be escaped.
        const markup = markupOutsideScripts(await response.text());
        expect(markup).not.toMatch(/<(iframe|svg|object|embed)\b/i);
        expect(markup).not.toContain('<script>alert');
        expect(markup).not.toMatch(/href="\s*(javascript|data):/i);
        // Text fields are escaped (the body may keep harmless inline HTML such as <b>).
        expect(markup).not.toContain('<b>Tag</b>');
        expect(markup).not.toContain(`<h1 class="article-header__headline">Headline </script>`);
      }
    }
  });

  it('executes nothing in Chromium and shows the text literally', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    for (const article of articles) {
      await page.goto(`${site.baseUrl}${pathOf(article)}`, { waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe(article.headline);
      expect(await page.locator('#gallery figcaption').first().textContent()).toContain(HOSTILE.breakout);
      expect(await page.locator('.article-body a[href^="javascript:"], .article-body a[href^="data:"]').count()).toBe(0);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
      );
      expect(handlers).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('keeps every JSON-LD block parseable with the original text', async () => {
    for (const article of articles) {
      const html = await (await fetch(`${site.baseUrl}${pathOf(article)}`)).text();
      const blocks = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      for (const block of blocks) {
        expect(block).not.toMatch(/<\/script|<!--/i);
        expect(() => JSON.parse(block)).not.toThrow();
      }
      const headlines = blocks.map((b) => JSON.parse(b)).flatMap((data) => [data, ...(data['@graph'] ?? [])]).map((d) => d.headline).filter(Boolean);
      if (blocks.length) expect(headlines).toContain(article.headline);
    }
  });

  it('keeps every feed well-formed, with the original text after parsing', async () => {
    const listings = ['', ...new Set(articles.map((a) => `/${a.section}`))];
    for (const listing of listings) {
      for (const format of ['rss', 'atom'] as const) {
        const path = feedPath(listing, format);
        const response = await fetch(`${site.baseUrl}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        const feed = parseFeed(await response.text());
        const titles = feed.items.map((item) => item.title);
        for (const article of articles.filter((a) => !listing || `/${a.section}` === listing)) expect(titles).toContain(article.headline);
        const html = feed.items.map((item) => item.content ?? '').join('\n');
        expect(html).not.toMatch(/<script|\son(error|load)=|href="\s*javascript:/i);
      }
    }
  });

  it('keeps every sitemap valid against the XSDs (syndicated copies only: no news sitemap)', async () => {
    const index = await (await fetch(`${site.baseUrl}${SITEMAP_PATHS.index}`)).text();
    expect(schemaErrors(index, SCHEMAS.sitemapIndex)).toBe('');
    expect(index).not.toContain(SITEMAP_PATHS.news);
    expect((await fetch(`${site.baseUrl}${SITEMAP_PATHS.news}`)).status).toBe(404);
    for (const path of [SITEMAP_PATHS.pages, SITEMAP_PATHS.articles]) {
      const xml = await (await fetch(`${site.baseUrl}${path}`)).text();
      expect({ path, errors: schemaErrors(xml, SCHEMAS.urlset) }).toEqual({ path, errors: '' });
    }
  });

  it('draws a share card for every hostile article', async () => {
    for (const article of articles) {
      const html = await (await fetch(`${site.baseUrl}${pathOf(article)}`)).text();
      const card = new URL(/<meta property="og:image" content="([^"]+)"/.exec(html)![1]);
      const response = await fetch(`${site.baseUrl}${card.pathname}${card.search}`);
      expect(response.status).toBe(200);
      const image = Buffer.from(await response.arrayBuffer());
      expect(await sharp(image).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
      expect(image.length).toBeLessThan(300 * 1024);
    }
  });
});
