import type { ChildProcess } from 'node:child_process';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getContent } from '@/lib/content/repository';
import { request as httpRequest, type Reply } from '../helpers/http';
import { baseUrl } from './helpers/browser';
import { siteBuild, startSite } from './setup/server';

/**
 * The production server against plain `next start` on the same build: what the fast path
 * serves from memory must be what Next itself renders. Next sends no ETag for a page rendered
 * on demand; the fast path names the exact bytes with one of its own.
 */
const content = getContent();
const article = content.articles.find((a) => a.gallery.length > 0)!;
const distDir = process.env.E2E_DIST_DIR ?? '.next-e2e';

/** With a user agent, as every real client sends one (Next streams metadata for requests without). */
const request = (origin: string, target: string, headers: Record<string, string> = {}, method = 'GET') =>
  httpRequest(`${origin}${target}`, { 'user-agent': 'newsbite-e2e', ...headers }, method);

/** Headers as sent, in order, minus those that differ between any two responses. */
function comparable(reply: Reply, drop: string[] = []): string[] {
  // Next adds a Link preload for the stylesheet to some renders and not others (a race in its
  // streaming); the fast path adds the document's dependency keys for a CDN (lib/document-keys.ts)
  // and whether it answered from memory.
  const ignored = new Set(['date', 'connection', 'keep-alive', 'content-security-policy', 'link', 'surrogate-key', 'x-cache', ...drop]);
  const lines: string[] = [];
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    if (!ignored.has(reply.rawHeaders[i].toLowerCase())) lines.push(`${reply.rawHeaders[i].toLowerCase()}: ${reply.rawHeaders[i + 1]}`);
  }
  return lines;
}

/**
 * React hoists the layout's <link rel="search"> into <head>, at a place that depends on how far
 * the render had streamed (a cold render differs from a warm one). It must be in <head>; where
 * in it does not matter.
 */
function withoutHoistedSearchLink(body: Buffer): string {
  const html = body.toString('utf8');
  const link = /<link rel="search"[^>]*\/>/.exec(html);
  expect(link && link.index < html.indexOf('</head>')).toBe(true);
  return html.replace(link![0], '');
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
    // Next streams what it renders on demand (chunked); the fast path sends a length.
    const framing = ['content-length', 'transfer-encoding'];
    expect(comparable(ours, ['etag', ...framing])).toEqual(comparable(next, framing));
    expect(ours.headers['surrogate-key']).toMatch(/^site( [\w:/.-]+)*$/);
    expect(ours.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(withoutHoistedSearchLink(ours.body)).toBe(withoutHoistedSearchLink(next.body));
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
      expect(ours.headers.etag).toMatch(new RegExp(`^"[\\w-]{27}-${coding}"$`));
      expect(ours.headers['content-length']).toBe(String(ours.body.length));
      const framing = ['etag', 'content-length', 'transfer-encoding', 'content-encoding'];
      expect(comparable(ours, framing)).toEqual(comparable(next, framing));
    }
  });

  it('answers HEAD like Next, and a campaign query string with the document itself', async () => {
    const framing = ['etag', 'content-length', 'transfer-encoding'];
    const ours = await request(baseUrl(), article.path, {}, 'HEAD');
    const next = await request(nextStart.baseUrl, article.path, {}, 'HEAD');
    expect(comparable(ours, framing)).toEqual(comparable(next, framing));
    expect(ours.body.length).toBe(0);
    const campaign = await request(baseUrl(), `${article.path}?utm_source=newsletter`);
    expect(campaign.body.equals((await request(baseUrl(), article.path)).body)).toBe(true);
  });

  it('answers If-None-Match with 304 and the headers a cache must update', async () => {
    const { etag } = (await request(baseUrl(), article.path)).headers;
    const ours = await request(baseUrl(), article.path, { 'if-none-match': etag! });
    expect(ours.status).toBe(304);
    expect(ours.body.length).toBe(0);
    expect(ours.headers.etag).toBe(etag);
    expect(ours.headers['cache-control']).toBe((await request(nextStart.baseUrl, article.path)).headers['cache-control']);
  });

  it.each([
    ['an RSC request', article.path, { rsc: '1' }],
    ['an RSC prefetch', article.path, { rsc: '1', 'next-router-prefetch': '1' }],
    ['an _rsc query', `${article.path}?_rsc=abc`, { rsc: '1' }],
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

describe('an unknown URL', () => {
  it('gets the 404 page Next renders, from memory, never cacheable (Next would send the document cache rule)', async () => {
    const target = `${article.path}-no-such-story`;
    const ours = await request(baseUrl(), target);
    const next = await request(nextStart.baseUrl, target);
    expect([ours.status, next.status]).toEqual([404, 404]);
    expect(ours.headers['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
    const differing = ['cache-control', 'content-length', 'etag', 'transfer-encoding'];
    expect(comparable(ours, differing)).toEqual(comparable(next, differing));
    expect(ours.body.toString()).toContain('Page not found');
    // The same stored page for every unknown path: nothing is rendered per URL.
    expect((await request(baseUrl(), '/no-such-section/at/all/deep')).body.equals(ours.body)).toBe(true);
  });
});
