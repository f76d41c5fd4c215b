import type { Browser, Page } from 'playwright-core';
import { getContent } from '@/lib/content/repository';
import { baseUrl, launchBrowser } from './helpers/browser';

const content = getContent();
const galleryArticle = content.articles.find((a) => a.gallery.length >= 3)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: baseUrl() });
  return context.newPage();
}

describe('a reader in Chromium', () => {
  it('goes from the home page to an article and reads it', async () => {
    const page = await newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const lead = content.articles[0];
    await page.getByRole('link', { name: lead.headline, exact: true }).first().click();
    await page.waitForURL(`**${lead.path}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(lead.headline);
    expect(await page.locator('article time').first().getAttribute('datetime')).toBe(lead.published);
    expect(await page.getByRole('complementary', { name: 'Related stories' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    await page.context().close();
  });

  it('opens the gallery lightbox with the keyboard, moves with arrows, closes with Esc and returns focus', async () => {
    const page = await newPage();
    await page.goto(galleryArticle.path);
    await page.waitForLoadState('networkidle');
    const links = page.locator('#gallery a[data-lightbox-index]');
    await links.nth(0).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Photo viewer' });
    await dialog.waitFor();
    expect(await dialog.getByRole('img').getAttribute('alt')).toBe(galleryArticle.gallery[0].alt);
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('img').getAttribute('alt')).toBe(galleryArticle.gallery[1].alt);
    expect(await dialog.locator('figcaption').textContent()).toContain(galleryArticle.gallery[1].credit);
    await page.keyboard.press('ArrowLeft');
    expect(await dialog.getByRole('img').getAttribute('alt')).toBe(galleryArticle.gallery[0].alt);
    // Focus stays inside the open dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lightbox-index'))).toBe('0');
    expect(page.url()).toBe(`${baseUrl()}${galleryArticle.path}`);
    await page.context().close();
  });

  it('shows the 404 page with status 404 for an unknown URL', async () => {
    const page = await newPage();
    const response = await page.goto('/world/no-such-story');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await page.context().close();
  });
});

describe('a reader with JavaScript off', () => {
  it('gets the whole article: text, every gallery photo with caption and credit, related stories, navigation', async () => {
    const page = await newPage(false);
    await page.goto(galleryArticle.path);
    expect(await page.locator('h1').textContent()).toBe(galleryArticle.headline);
    const figures = page.locator('#gallery figure');
    expect(await figures.count()).toBe(galleryArticle.gallery.length);
    for (const [i, photo] of galleryArticle.gallery.entries()) {
      const caption = await figures.nth(i).locator('figcaption').textContent();
      expect(caption).toContain(photo.caption);
      expect(caption).toContain(`Picture: ${photo.credit}`);
      expect(caption).toContain(`${i + 1}/${galleryArticle.gallery.length}`);
    }
    expect(await page.locator('.related li a').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').count()).toBe(content.sections.length);

    // A gallery link is a real link: it opens the photo's own page.
    await figures.nth(1).locator('a').click();
    await page.waitForURL(`**${galleryArticle.path}/photos/2`);
    expect(await page.locator('figcaption').textContent()).toContain(galleryArticle.gallery[1].caption);
    await page.getByRole('link', { name: 'Next photo →' }).click();
    await page.waitForURL(`**${galleryArticle.path}/photos/3`);
    await page.context().close();
  });
});
