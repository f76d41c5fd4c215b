import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { largestContentfulPaint } from './measure';

export interface ScriptWeight {
  /** Path of the chunk, e.g. /_next/static/chunks/abc.js. */
  path: string;
  gzipBytes: number;
}

export interface PageWeight {
  path: string;
  htmlBytes: number;
  htmlGzipBytes: number;
  scripts: ScriptWeight[];
  jsGzipBytes: number;
  /** The largest contentful paint element, as the browser reported it on a phone. */
  lcp: { tag: string; inside: string; url: string } | null;
  /** imagesrcset (or href) of every <link rel=preload as=image> in <head>. */
  preloadedImages: string[];
}

/** The not-found page renders no component of ours that ships JavaScript: what every page pays. */
export const BASELINE_PATH = '/no-such-page';
/** Issue 5: an article may load at most this much JavaScript (gzip) beyond the framework baseline. */
export const ARTICLE_JS_BUDGET = 15 * 1024;

/** Sizes are gzip at zlib's default level, what `next start` sends with compression on. */
const gzipSize = (body: Buffer) => zlib.gzipSync(body).length;

/**
 * Loads a page in a fresh phone context and weighs what it downloads: the HTML document and
 * every script the browser fetched, React Server Component chunks loaded later included.
 */
export async function measurePageWeight(browser: Browser, baseUrl: string, path: string): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 412, height: 823 }, isMobile: true, deviceScaleFactor: 1.75 });
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, response.body());
  });
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  const html = await response!.body();
  const lcp = await largestContentfulPaint(page);
  const preloadedImages = await page.$$eval('head link[rel=preload][as=image]', (links) =>
    links.map((link) => link.getAttribute('imagesrcset') ?? link.getAttribute('href') ?? ''),
  );
  const weighed = await Promise.all([...scripts].map(async ([script, body]) => ({ path: script, gzipBytes: gzipSize(await body) })));
  await context.close();
  weighed.sort((a, b) => a.path.localeCompare(b.path));
  return {
    path,
    htmlBytes: html.length,
    htmlGzipBytes: gzipSize(html),
    scripts: weighed,
    jsGzipBytes: weighed.reduce((sum, s) => sum + s.gzipBytes, 0),
    lcp,
    preloadedImages,
  };
}

/** The scripts a page loads beyond the framework baseline, and their total gzip size. */
export function scriptsBeyond(page: PageWeight, baseline: PageWeight): { scripts: ScriptWeight[]; gzipBytes: number } {
  const shared = new Set(baseline.scripts.map((s) => s.path));
  const scripts = page.scripts.filter((s) => !shared.has(s.path));
  return { scripts, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0) };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
