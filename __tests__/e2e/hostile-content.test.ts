import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { HOSTILE, writeHostileContent, type HostileArticle } from '../helpers/hostile-content';
import { launchBrowser } from './helpers/browser';
import { buildSite, startSite } from './setup/server';

/** A second site, built from hostile content: it must build, and nothing in it may execute. */
let site: { baseUrl: string; server: ChildProcess };
let contentDir: string;
let articles: HostileArticle[];
let browser: Browser;

beforeAll(async () => {
  ({ contentDir, articles } = writeHostileContent());
  site = await startSite(buildSite(process.env.E2E_HOSTILE_DIST_DIR ?? '.next-hostile', { CONTENT_DIR: contentDir }));
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
      for (const path of [pathOf(article), `${pathOf(article)}/photos/1`, `/${article.section}`, '/author/eve-hostile', '/']) {
        const response = await fetch(`${site.baseUrl}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        const markup = markupOutsideScripts(await response.text());
        expect(markup).not.toMatch(/<(iframe|svg|img)[^>]*\son\w+=/i);
        expect(markup).not.toMatch(/<[^>]+\son(error|load)=/i);
        expect(markup).not.toMatch(/href="\s*(javascript|data):/i);
        expect(markup).not.toMatch(/<iframe/i);
        expect(markup).not.toContain('<b>bold</b>');
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
});
