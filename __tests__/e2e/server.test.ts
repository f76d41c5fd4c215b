import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getContent } from '@/lib/content/repository';
import { request as httpRequest, type Reply } from '../helpers/http';
import { baseUrl } from './helpers/browser';
import { siteBuild, startSite } from './setup/server';

/**
 * The production server against plain `next start` on the same build: what the fast path
 * serves from memory must be what Next itself sends.
 */
const content = getContent();
const article = content.articles.find((a) => a.gallery.length > 0)!;
const distDir = process.env.E2E_DIST_DIR ?? '.next-e2e';

const request = (origin: string, target: string, headers: Record<string, string> = {}, method = 'GET') =>
  httpRequest(`${origin}${target}`, headers, method);

/** Headers as sent, in order, minus those that differ between any two responses. */
function comparable(reply: Reply, drop: string[] = []): string[] {
  const ignored = new Set(['date', 'connection', 'keep-alive', 'content-security-policy', ...drop]);
  const lines: string[] = [];
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    if (!ignored.has(reply.rawHeaders[i].toLowerCase())) lines.push(`${reply.rawHeaders[i].toLowerCase()}: ${reply.rawHeaders[i + 1]}`);
  }
  return lines;
}

let nextStart: { baseUrl: string; server: ChildProcess };
beforeAll(async () => {
  nextStart = await startSite(siteBuild(distDir), 'next-start');
});
afterAll(() => {
  nextStart?.server.kill('SIGTERM');
});

const documents = ['/', article.path, `/${article.section}`, `${article.path}/photos/1`, `/tag/${article.tags[0].slug}`];

describe('the fast path sends what Next sends', () => {
  it.each(documents)('%s: same status, headers in the same order and the same bytes', async (target) => {
    const ours = await request(baseUrl(), target);
    const next = await request(nextStart.baseUrl, target);
    expect(ours.status).toBe(next.status);
    expect(comparable(ours)).toEqual(comparable(next));
    expect(ours.body.equals(next.body)).toBe(true);
    // And it came from memory: Next itself never sends brotli.
    expect((await request(baseUrl(), target, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
  });

  it('sends the same document compressed, with an ETag per coding and Content-Length instead of chunks', async () => {
    const next = await request(nextStart.baseUrl, article.path, { 'accept-encoding': 'gzip' });
    for (const coding of ['gzip', 'br'] as const) {
      const ours = await request(baseUrl(), article.path, { 'accept-encoding': coding });
      expect(ours.headers['content-encoding']).toBe(coding);
      const decoded = coding === 'gzip' ? gunzipSync(ours.body) : brotliDecompressSync(ours.body);
      expect(decoded.equals(gunzipSync(next.body))).toBe(true);
      expect(ours.headers.etag).toBe(`${next.headers.etag!.slice(0, -1)}-${coding}"`);
      expect(ours.headers['content-length']).toBe(String(ours.body.length));
      const framing = ['etag', 'content-length', 'transfer-encoding', 'content-encoding'];
      expect(comparable(ours, framing)).toEqual(comparable(next, framing));
    }
  });

  it('answers HEAD and a campaign query string like Next', async () => {
    for (const [target, method] of [[article.path, 'HEAD'], [`${article.path}?utm_source=newsletter`, 'GET']]) {
      const ours = await request(baseUrl(), target, {}, method);
      const next = await request(nextStart.baseUrl, target, {}, method);
      expect(comparable(ours)).toEqual(comparable(next));
      expect(ours.body.equals(next.body)).toBe(true);
    }
  });

  it('answers If-None-Match with 304 like Next, and keeps Vary: Accept-Encoding as RFC 9110 asks', async () => {
    const { etag } = (await request(nextStart.baseUrl, article.path)).headers;
    const ours = await request(baseUrl(), article.path, { 'if-none-match': etag! });
    const next = await request(nextStart.baseUrl, article.path, { 'if-none-match': etag! });
    expect(ours.status).toBe(304);
    expect(next.status).toBe(304);
    expect(ours.body.length).toBe(0);
    expect(comparable(ours, ['vary'])).toEqual(comparable(next, ['vary']));
    expect(ours.headers.vary).toBe(`${next.headers.vary}, Accept-Encoding`);
  });

  it.each([
    ['an RSC request', article.path, { rsc: '1' }],
    ['an RSC prefetch', article.path, { rsc: '1', 'next-router-prefetch': '1' }],
    ['an _rsc query', `${article.path}?_rsc=abc`, { rsc: '1' }],
    ['the 404 page', '/no-such-section', {}],
    ['a photo', article.hero!.src, {}],
  ])('leaves %s to Next, which answers as it does alone', async (_, target, headers) => {
    const ours = await request(baseUrl(), target, headers);
    const next = await request(nextStart.baseUrl, target, headers);
    expect(ours.status).toBe(next.status);
    expect(comparable(ours, ['content-length'])).toEqual(comparable(next, ['content-length']));
    expect(ours.body.equals(next.body)).toBe(true);
  });
});

describe('an optimised image', () => {
  it('is what Next sends, encoded once and then served from memory', async () => {
    const target = `/_next/image?url=${encodeURIComponent(article.hero!.src)}&w=640&q=75`;
    const accept = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';
    const ours = await request(baseUrl(), target, { accept });
    const next = await request(nextStart.baseUrl, target, { accept });
    expect(ours.status).toBe(200);
    expect(ours.headers['content-type']).toBe('image/avif');
    expect(comparable(ours, ['x-nextjs-cache'])).toEqual(comparable(next, ['x-nextjs-cache']));
    expect(ours.body.equals(next.body)).toBe(true);
    const again = await request(baseUrl(), target, { accept });
    expect(again.headers['x-nextjs-cache']).toBe('HIT');
    expect(again.body.equals(ours.body)).toBe(true);
    // Next alone encodes it again for every request (it keeps no image cache on this site).
    expect((await request(nextStart.baseUrl, target, { accept })).headers['x-nextjs-cache']).toBe('MISS');
  });
});

describe('a 404 rendered on demand', () => {
  it('is the 404 Next renders, but never cacheable (Next would send the document cache rule)', async () => {
    const target = `${article.path}-no-such-story`;
    const ours = await request(baseUrl(), target);
    const next = await request(nextStart.baseUrl, target);
    expect([ours.status, next.status]).toEqual([404, 404]);
    expect(ours.headers['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
    // Two renders of the same 404 differ in React's generated ids, hence the ETag.
    const differing = ['cache-control', 'x-nextjs-cache', 'content-length', 'etag'];
    expect(comparable(ours, differing)).toEqual(comparable(next, differing));
    expect(ours.body.toString()).toContain('Page not found');
  });
});

describe('a page with a revalidate period', () => {
  const isrDir = `${distDir}-isr`;
  const revalidate = 2;
  let server: ChildProcess | undefined;

  /**
   * The same build with the article route given `revalidate = 2`, as `next build` would write it
   * for `export const revalidate = 2` (segment config must be a literal, so no env switch).
   */
  let copiedAt = 0;
  function buildWithRevalidate(): void {
    fs.rmSync(isrDir, { recursive: true, force: true });
    copiedAt = Date.now();
    fs.cpSync(distDir, isrDir, { recursive: true, filter: (source) => !source.startsWith(path.join(distDir, 'cache')) });
    const manifestPath = path.join(isrDir, 'prerender-manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.routes[article.path].initialRevalidateSeconds = revalidate;
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }

  afterAll(() => {
    server?.kill('SIGTERM');
    fs.rmSync(isrDir, { recursive: true, force: true });
  });

  // Next takes the revalidate period of a regenerated copy from the page module (which has none),
  // so only the build's copy goes stale here; expiry in memory is covered with a fake clock in
  // __tests__/server/prerendered-documents.test.ts.
  it('never serves from memory a copy Next considers stale, and serves the regenerated one', async () => {
    buildWithRevalidate();
    const started = await startSite(siteBuild(isrDir));
    server = started.server;
    const get = () => request(started.baseUrl, article.path, { 'accept-encoding': 'br' });
    const fromMemory = (reply: Reply) => reply.headers['content-encoding'] === 'br';

    // Once the copied files are older than the period, Next answers STALE and regenerates.
    // (The copy gave them fresh timestamps, and the server can start within the period.)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, copiedAt + (revalidate + 1) * 1000 - Date.now())));
    const first = await get();
    expect(first.headers['x-nextjs-cache']).toBe('STALE');
    expect(fromMemory(first)).toBe(false);

    let fresh = await get();
    for (let attempt = 0; !fromMemory(fresh) && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      fresh = await get();
    }
    expect(fromMemory(fresh)).toBe(true);
    expect(fresh.headers['x-nextjs-cache']).toBe('HIT');
  });
});
