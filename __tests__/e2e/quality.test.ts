import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { getContent } from '@/lib/content/repository';
import { photoPath } from '@/lib/paths';
import { axeViolations, describeViolations } from './helpers/axe';
import { baseUrl, launchBrowser } from './helpers/browser';
import {
  focusIndicator,
  horizontalOverflow,
  layoutShifts,
  loadAllImages,
  recordLayoutShifts,
  stretchedImages,
} from './helpers/measure';
import { ARTICLE_JS_BUDGET, BASELINE_PATH, kb, measurePageWeight, scriptsBeyond } from './helpers/page-weight';
import { COLOR_SCHEMES, galleryArticle, representativePages, VIEWPORTS } from './helpers/pages';

const content = getContent();
const pages = representativePages();
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...VIEWPORTS.desktop, ...options });
  return context.newPage();
}

async function openLightbox(page: Page, photoIndex = 0) {
  await page.goto(galleryArticle.path, { waitUntil: 'networkidle' });
  await page.locator('#gallery a[data-lightbox-index]').nth(photoIndex).click();
  const dialog = page.getByRole('dialog', { name: 'Photo viewer' });
  await dialog.waitFor();
  return dialog;
}

const combos = COLOR_SCHEMES.flatMap((colorScheme) =>
  (Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]).map((device) => ({ colorScheme, device })),
);

describe('accessibility: axe-core finds nothing, at any impact', () => {
  it.each(combos)('on every kind of page, $colorScheme scheme, $device', async ({ colorScheme, device }) => {
    const page = await openPage({ ...VIEWPORTS[device], colorScheme });
    const found: Record<string, string[]> = {};
    for (const { name, path: pagePath } of pages) {
      await page.goto(pagePath, { waitUntil: 'networkidle' });
      const violations = describeViolations(await axeViolations(page));
      if (violations.length) found[`${name} ${pagePath}`] = violations;
    }
    expect(found).toEqual({});
    await page.context().close();
  });

  it.each(COLOR_SCHEMES)('in the open gallery lightbox, %s scheme', async (colorScheme) => {
    const page = await openPage({ ...VIEWPORTS.phone, colorScheme });
    await openLightbox(page, 1);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.context().close();
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, shows it, and Enter moves focus to the main content', async () => {
    const page = await openPage();
    await page.goto(galleryArticle.path);
    await page.keyboard.press('Tab');
    const skip = await focusIndicator(page);
    expect(skip).toMatchObject({ element: 'a "Skip to content"', onScreen: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab lands inside the main content, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await page.context().close();
  });

  it.each([
    ['home page', '/'],
    ['article', galleryArticle.path],
    ['gallery photo permalink', photoPath(galleryArticle, 2)],
  ])('shows a visible focus indicator on every focusable element of the %s', async (_name, pagePath) => {
    const page = await openPage();
    await page.goto(pagePath, { waitUntil: 'networkidle' });
    const invisible: string[] = [];
    let visited = 0;
    for (; visited < 400; visited++) {
      await page.keyboard.press('Tab');
      const focus = await focusIndicator(page);
      if (!focus) break; // focus left the document: every element has been visited
      const outlined = focus.outline !== 'none' && focus.outlineWidth >= 2;
      if (!(outlined || focus.boxShadow !== 'none') || !focus.onScreen) invisible.push(JSON.stringify(focus));
    }
    expect(visited).toBeGreaterThan(10);
    expect(invisible).toEqual([]);
    await page.context().close();
  });

  it('operates every lightbox control from the keyboard while focus stays trapped, in both directions', async () => {
    const page = await openPage({ ...VIEWPORTS.phone });
    const dialog = await openLightbox(page);
    const focusedName = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const current = () => dialog.getByRole('img').getAttribute('alt');

    expect(await focusedName()).toBe('Close photo viewer');
    // Shift+Tab walks backwards through every control and wraps round without leaving.
    const backwards: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      backwards.push(await focusedName());
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
      expect((await focusIndicator(page))?.outline).not.toBe('none');
    }
    expect(backwards).toEqual(['Photo page', '→', '←', 'Close photo viewer', 'Photo page']);

    // The buttons work with Enter and Space, not only with the arrow keys.
    await page.keyboard.press('Shift+Tab'); // →
    await page.keyboard.press('Enter');
    expect(await current()).toBe(galleryArticle.gallery[1].alt);
    await page.keyboard.press('Space');
    expect(await current()).toBe(galleryArticle.gallery[2].alt);
    await page.keyboard.press('Shift+Tab'); // ←
    await page.keyboard.press('Enter');
    expect(await current()).toBe(galleryArticle.gallery[1].alt);
    expect(await dialog.getByRole('link', { name: 'Photo page' }).getAttribute('href')).toBe(photoPath(galleryArticle, 2));

    // The page behind the modal cannot be reached.
    const navLinkTakesFocus = await page.evaluate(() => {
      const link = document.querySelector<HTMLElement>('.site-nav a')!;
      link.focus();
      return document.activeElement === link;
    });
    expect(navLinkTakesFocus).toBe(false);
    await page.getByRole('button', { name: 'Close photo viewer' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lightbox-index'))).toBe('0');
    await page.context().close();
  });

  it('gives screen readers a caption prefix and the credit, hidden from sight but not from the accessibility tree', async () => {
    const page = await openPage();
    await page.goto(galleryArticle.path);
    const hero = page.locator('.article__hero figcaption');
    expect(await hero.ariaSnapshot()).toContain(`Image caption: ${galleryArticle.hero!.caption} Picture: ${galleryArticle.hero!.credit}`);
    const prefix = hero.locator('.visually-hidden');
    const box = await prefix.boundingBox();
    expect(box!.width * box!.height).toBeLessThanOrEqual(1);
    expect(await prefix.evaluate((el) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden')).toBe(true);
    await page.context().close();
  });
});

describe('JavaScript disabled', () => {
  it('shows every gallery photo on its own page with image, caption and credit, and pages through them', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    for (const [i, photo] of galleryArticle.gallery.entries()) {
      await page.goto(photoPath(galleryArticle, i + 1));
      const figure = page.locator('main figure');
      expect(await figure.getByRole('img').getAttribute('alt')).toBe(photo.alt);
      expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const caption = await figure.locator('figcaption').textContent();
      expect(caption).toContain(photo.caption);
      expect(caption).toContain(`Picture: ${photo.credit}`);
    }
    await page.context().close();
  });

  it('lets a reader use the hero, the related stories, the section navigation and the skip link', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto(galleryArticle.path);
    expect(await page.locator('.article__hero figcaption').textContent()).toContain(`Picture: ${galleryArticle.hero!.credit}`);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await page.keyboard.press('Enter');
    // The fragment navigation is reported after the key press resolves: wait for it, briefly.
    await page.waitForURL(/#main$/, { timeout: 5_000 });

    const related = content.related(galleryArticle)[0].article;
    await page.getByRole('complementary', { name: 'Related stories' }).getByRole('link', { name: related.headline, exact: true }).click();
    await page.waitForURL(`**${related.path}`);
    expect(await page.locator('h1').textContent()).toBe(related.headline);

    const section = content.sections[content.sections.length - 1];
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section.name }).click();
    await page.waitForURL(`**/${section.slug}`);
    expect(await page.locator('h1').textContent()).toBe(section.name);
    await page.context().close();
  });
});

describe('layout', () => {
  it('never scrolls sideways at 320 px wide', async () => {
    const page = await openPage({ viewport: { width: 320, height: 640 }, isMobile: true });
    const overflowing: Record<string, unknown> = {};
    for (const { path: pagePath } of pages) {
      await page.goto(pagePath, { waitUntil: 'networkidle' });
      await loadAllImages(page);
      const overflow = await horizontalOverflow(page);
      if (overflow.scrollWidth > overflow.clientWidth) overflowing[pagePath] = overflow;
    }
    expect(overflowing).toEqual({});
    await page.context().close();
  });

  it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])('never stretches an image (%s)', async (device) => {
    const page = await openPage({ ...VIEWPORTS[device] });
    const stretched: Record<string, string[]> = {};
    for (const { path: pagePath } of pages) {
      await page.goto(pagePath, { waitUntil: 'networkidle' });
      await loadAllImages(page);
      const found = await stretchedImages(page);
      if (found.length) stretched[pagePath] = found;
    }
    expect(stretched).toEqual({});
    await page.context().close();
  });

  /** Serves images late, then scrolls through the article. */
  async function articleLayoutShifts(device: keyof typeof VIEWPORTS) {
    const page = await openPage({ ...VIEWPORTS[device] });
    await page.route('**/_next/image**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    await recordLayoutShifts(page);
    await page.goto(galleryArticle.path, { waitUntil: 'networkidle' });
    // Scroll down through the gallery so the lazy images load in view too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await loadAllImages(page);
    await page.waitForTimeout(300);
    const shifts = await layoutShifts(page);
    await page.context().close();
    return shifts;
  }

  it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])(
    'does not shift at all while the images of an article arrive late (%s)',
    async (device) => {
      expect(await articleLayoutShifts(device)).toEqual([]);
    },
  );

  it('downloads no web font, so no late font can re-wrap the text', async () => {
    const page = await openPage({ ...VIEWPORTS.phone });
    const fonts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
    await page.goto(galleryArticle.path, { waitUntil: 'networkidle' });
    expect(fonts).toEqual([]);
    await page.context().close();
  });
});

describe('page weight', () => {
  it(`loads no more than ${kb(ARTICLE_JS_BUDGET)} of JavaScript (gzip) beyond the framework baseline on an article`, async () => {
    const baseline = await measurePageWeight(browser, baseUrl(), BASELINE_PATH);
    const article = await measurePageWeight(browser, baseUrl(), galleryArticle.path);
    const extra = scriptsBeyond(article, baseline);
    expect(baseline.scripts.length).toBeGreaterThan(0);
    expect(article.jsGzipBytes).toBe(baseline.jsGzipBytes + extra.gzipBytes);
    expect(extra.gzipBytes).toBeLessThanOrEqual(ARTICLE_JS_BUDGET);
  });

  it('makes the hero photo the largest contentful paint on a phone and preloads it in <head>', async () => {
    const article = await measurePageWeight(browser, baseUrl(), galleryArticle.path);
    expect(article.lcp?.tag).toBe('img');
    const heroFile = encodeURIComponent(galleryArticle.hero!.src);
    expect(article.lcp!.url).toContain(heroFile);
    expect(article.preloadedImages).toHaveLength(1);
    expect(article.preloadedImages[0]).toContain(heroFile);
  });
});

describe('screenshots for people to look at', () => {
  it.each(combos)('saves the home page and an article, $colorScheme scheme, $device', async ({ colorScheme, device }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await openPage({ ...VIEWPORTS[device], colorScheme });
    for (const [name, pagePath] of [['home', '/'], ['article', galleryArticle.path]]) {
      await page.goto(pagePath, { waitUntil: 'networkidle' });
      await loadAllImages(page);
      const file = path.join(SCREENSHOTS, `${name}-${device}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    }
    await page.context().close();
  });
});
