import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { CapturedResponse } from '@/server/captured-response';
import { PrerenderedDocuments, type PrerenderedRoute } from '@/server/prerendered-documents';
import { listen, request } from '../helpers/http';

const html = (text: string) => Buffer.from(`<!DOCTYPE html><html><head><script>boot("${text}")</script></head><body>${text}</body></html>`);

function nextResponse(body: Buffer, overrides: Record<string, string> = {}): CapturedResponse {
  const headers: Record<string, string> = {
    Vary: 'rsc, next-router-state-tree, Accept-Encoding',
    'x-nextjs-cache': 'HIT',
    'Cache-Control': 's-maxage=31536000',
    ETag: '"e1"',
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
    Date: 'Wed, 25 Nov 2026 10:00:00 GMT',
    Connection: 'keep-alive',
    ...overrides,
  };
  const rawHeaders = Object.entries(headers).flat();
  // Next really sends this one twice; the copy must keep duplicates.
  rawHeaders.splice(4, 0, 'x-nextjs-prerender', '1', 'x-nextjs-prerender', '1');
  return { status: 200, rawHeaders, body };
}

let now = 0;
let answers: Record<string, CapturedResponse[]>;
let captures: string[];
let server: http.Server;
let origin: string;

const routes = new Map<string, PrerenderedRoute>([
  ['/', { status: 200, revalidate: false }],
  ['/world/story', { status: 200, revalidate: false }],
  ['/isr', { status: 200, revalidate: 10 }],
]);

beforeEach(async () => {
  now = 1_000_000;
  captures = [];
  answers = { '/': [nextResponse(html('home'))], '/world/story': [nextResponse(html('story'))] };
  const documents = new PrerenderedDocuments(
    routes,
    async (pathname) => {
      captures.push(pathname);
      const queue = answers[pathname];
      return queue.length > 1 ? queue.shift()! : queue[0];
    },
    () => now,
  );
  const toNext = (res: http.ServerResponse) => {
    res.writeHead(599);
    res.end('from next');
  };
  server = http.createServer((req, res) => {
    const served = documents.serve(req, res);
    if (served === false) toNext(res);
    else if (served !== true) void served.then((done) => done || toNext(res));
  });
  origin = await listen(server);
});

afterEach(() => new Promise((resolve) => server.close(resolve)));

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => request(`${origin}${path}`, headers, method);

describe('the prerendered-document fast path', () => {
  it('answers with the bytes and headers Next sent, in order, duplicates kept, asking Next once', async () => {
    const first = await get('/world/story');
    const second = await get('/world/story');
    expect(captures).toEqual(['/world/story']);
    for (const reply of [first, second]) {
      expect(reply.status).toBe(200);
      expect(reply.body.equals(html('story'))).toBe(true);
      const names = reply.rawHeaders.filter((_, i) => i % 2 === 0);
      expect(names.slice(0, 7)).toEqual(['Vary', 'x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-prerender', 'Cache-Control', 'ETag', 'Content-Type']);
      expect(reply.headers.etag).toBe('"e1"');
      expect(reply.headers['content-length']).toBe(String(html('story').length));
      expect(reply.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'; /);
    }
  });

  it('sends precompressed brotli or gzip as the client prefers, each with its own ETag', async () => {
    const br = await get('/world/story', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(html('story'))).toBe(true);
    expect(br.headers.etag).toBe('"e1-br"');
    const gzip = await get('/world/story', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(html('story'))).toBe(true);
    expect(gzip.headers.etag).toBe('"e1-gzip"');
    expect(gzip.headers.vary).toBe('rsc, next-router-state-tree, Accept-Encoding');
  });

  it('answers If-None-Match with 304 and HEAD with headers only', async () => {
    const notModified = await get('/world/story', { 'if-none-match': 'W/"e1-gzip"', 'accept-encoding': 'gzip' });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe('"e1-gzip"');
    expect(notModified.headers['cache-control']).toBe('s-maxage=31536000');
    expect((await get('/world/story', { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await get('/world/story', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(html('story').length));
  });

  it.each([
    ['a POST', '/world/story', {}, 'POST'],
    ['an RSC request', '/world/story', { rsc: '1' }, 'GET'],
    ['a router prefetch', '/world/story', { 'next-router-prefetch': '1' }, 'GET'],
    ['an _rsc query', '/world/story?_rsc=abc', {}, 'GET'],
    ['a path that was not prerendered', '/world/other', {}, 'GET'],
    ['a trailing slash (Next redirects it)', '/world/story/', {}, 'GET'],
    ['a range request', '/world/story', { range: 'bytes=0-10' }, 'GET'],
    ['a draft-mode cookie', '/world/story', { cookie: '__prerender_bypass=1' }, 'GET'],
  ])('leaves %s to Next', async (_, path, headers, method) => {
    expect((await get(path, headers, method)).status).toBe(599);
  });

  it('serves a page with campaign parameters from memory', async () => {
    expect((await get('/?utm_source=newsletter')).body.equals(html('home'))).toBe(true);
  });

  it('stores nothing Next did not mark fresh and public', async () => {
    answers['/'] = [nextResponse(html('home'), { 'x-nextjs-cache': 'STALE' })];
    expect((await get('/')).status).toBe(599);
    now += 2_000;
    answers['/'] = [nextResponse(html('home'), { 'Set-Cookie': 'a=1' })];
    expect((await get('/')).status).toBe(599);
    now += 2_000;
    answers['/'] = [nextResponse(html('home'), { 'Cache-Control': 'private, no-store' })];
    expect((await get('/')).status).toBe(599);
    now += 2_000;
    answers['/'] = [{ ...nextResponse(html('home')), status: 404 }];
    expect((await get('/')).status).toBe(599);
  });

  it('never serves a revalidated page past its revalidate period, and picks up the regenerated one', async () => {
    answers['/isr'] = [
      nextResponse(html('v1'), { 'Cache-Control': 's-maxage=10, stale-while-revalidate=31535990' }),
      nextResponse(html('v1'), { 'x-nextjs-cache': 'STALE', 'Cache-Control': 's-maxage=10, stale-while-revalidate=31535990' }),
      nextResponse(html('v2'), { 'Cache-Control': 's-maxage=10, stale-while-revalidate=31535990', ETag: '"e2"' }),
    ];
    expect((await get('/isr')).body.equals(html('v1'))).toBe(true);
    now += 9_999;
    expect((await get('/isr')).body.equals(html('v1'))).toBe(true);
    now += 1;
    // Expired: Next answers (stale while it regenerates) and is not asked again for a second.
    expect((await get('/isr')).status).toBe(599);
    expect((await get('/isr')).status).toBe(599);
    expect(captures).toEqual(['/isr', '/isr']);
    now += 1_000;
    expect((await get('/isr')).body.equals(html('v2'))).toBe(true);
  });
});
