import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { getContent } from '@/lib/content/repository';
import { baseUrl, launchBrowser } from './helpers/browser';

const content = getContent();
const galleryArticle = content.articles.find((a) => a.gallery.length >= 2)!;

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl()}${path}`, { headers, redirect: 'manual' });
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('security headers on every response', () => {
  let staticAsset: string;
  beforeAll(async () => {
    const html = await (await get(galleryArticle.path)).text();
    staticAsset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
  });

  const responses: [string, () => string][] = [
    ['the home page', () => '/'],
    ['an article', () => galleryArticle.path],
    ['an article, compressed', () => galleryArticle.path],
    ['a photo file', () => galleryArticle.hero!.src],
    ['an optimised image', () => `/_next/image?url=${encodeURIComponent(galleryArticle.hero!.src)}&w=640&q=75`],
    ['a 404 page', () => '/world/no-such-story'],
    ['a 404 for a file name', () => '/wp-login.php'],
    ['a static asset', () => staticAsset],
    ['an RSC request', () => galleryArticle.path],
  ];

  it.each(responses)('%s', async (name, path) => {
    const headers: Record<string, string> = {};
    if (name.includes('compressed')) headers['accept-encoding'] = 'gzip, br';
    if (name.includes('RSC')) headers.rsc = '1';
    const response = await get(path(), headers);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(response.headers.get('x-powered-by')).toBeNull();
    const policy = directives(response.headers.get('content-security-policy') ?? '');
    if (name === 'an optimised image') {
      // Next's image optimiser sends its own, stricter policy (images.contentSecurityPolicy).
      expect(policy.get('script-src')).toEqual(["'none'"]);
      expect(policy.has('sandbox')).toBe(true);
      return;
    }
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'self'"]));
    expect(policy.get('script-src')).not.toEqual(expect.arrayContaining(["'unsafe-eval'"]));
    expect(policy.get('script-src')).not.toEqual(expect.arrayContaining(["'unsafe-inline'"]));
  });

  it.each(['/', galleryArticle.path, '/world/no-such-story'])('%s allows exactly the inline scripts it contains', async (path) => {
    const response = await get(path);
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
    );
    expect(inline.length).toBeGreaterThan(0);
    const scriptSources = directives(response.headers.get('content-security-policy')!).get('script-src')!;
    expect(new Set(scriptSources.slice(1))).toEqual(new Set(inline));
  });
});

describe('the pages run under their policy in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page that records CSP violations, console errors and uncaught exceptions. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    const problems: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
          `${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`,
        ),
      );
    });
    page.on('console', (message) => {
      // The 404 page's own request is reported as a failed resource load; that is expected.
      if (message.type() === 'error' && !message.text().includes('404')) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
    return { page, problems };
  }

  it.each([
    '/',
    `/${galleryArticle.section}`,
    galleryArticle.path,
    `${galleryArticle.path}/photos/1`,
    `/tag/${galleryArticle.tags[0].slug}`,
    '/world/no-such-story',
  ])('%s hydrates with no CSP violation and no console error', async (path) => {
    const { page, problems } = await watchedPage();
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // Hydrated: React attached its root to the document.
    expect(await page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith('__react')))).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('opens the gallery lightbox and navigates client-side under the policy', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(galleryArticle.path);
    await page.waitForLoadState('networkidle');
    await page.locator('#gallery a[data-lightbox-index]').first().click();
    const dialog = page.getByRole('dialog', { name: 'Photo viewer' });
    await dialog.waitFor();
    expect(await dialog.getByRole('img').getAttribute('alt')).toBe(galleryArticle.gallery[0].alt);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // A client-side navigation fetches RSC data (connect-src) and runs no new inline script.
    await page.locator('header a[href="/"]').first().click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
