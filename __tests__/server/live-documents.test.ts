import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { CapturedResponse } from '@/server/captured-response';
import type { PathAnswer } from '@/lib/site-paths';
import { LiveDocuments, NOT_FOUND_PROBE } from '@/server/live-documents';
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
/** Paths the fast path asked the content about. */
let classified: string[];
let server: http.Server;
let origin: string;

/** The dependency keys of each path; a path not listed shows only the site; undefined: the content cannot tell. */
const keysAt: Record<string, string[] | undefined> = {
  '/': ['site', 'home', 'story:story'],
  '/world/story': ['site', 'story:story', 'story:other'],
  '/world/other': ['site', 'story:other'],
  '/world/gone': ['site', 'story:gone'],
  '/world/card': undefined,
};
/** Runs while Next renders, e.g. to publish a change mid-render. */
let duringCapture: () => void;
let documents: LiveDocuments;
/** What the fake content answers at each path; anything else is not found. */
const answersAt: Record<string, PathAnswer> = {
  '/': { kind: 'document' },
  '/world/story': { kind: 'document' },
  '/world/other': { kind: 'document' },
  '/world/card': { kind: 'document' },
  '/world/gone': { kind: 'gone' },
  '/world/old-name': { kind: 'redirect', location: '/world/story' },
  '/search': { kind: 'next' },
};

function createDocuments(maxBytes?: number) {
  return new LiveDocuments(
    {
      classify: (pathname) => {
        classified.push(pathname);
        return answersAt[pathname] ?? { kind: 'not-found' };
      },
      keys: (target) => (Object.hasOwn(keysAt, target) ? keysAt[target] : ['site']),
      // As a live blog's ?since=: known values kept (an old one stands for "older"), others dropped.
      documentQuery: (pathname, query) => {
        const since = new URLSearchParams(query).get('since');
        if (pathname !== '/world/story' || !since || !['a', 'b', 'old-1', 'old-2'].includes(since)) return '';
        return `?since=${since.startsWith('old') ? 'old' : since}`;
      },
    },
    async (pathname) => {
      captures.push(pathname);
      duringCapture();
      const queue = answers[pathname];
      return queue.length > 1 ? queue.shift()! : queue[0];
    },
    { clock: () => now, maxBytes },
  );
}

beforeEach(async () => {
  now = 1_000_000;
  duringCapture = () => {};
  captures = [];
  classified = [];
  answers = {
    '/': [nextResponse(html('home'))],
    '/world/story': [nextResponse(html('story'))],
    '/world/other': [nextResponse(html('other'))],
    '/world/gone': [nextResponse(html('withdrawn notice'))],
    [NOT_FOUND_PROBE]: [{ ...nextResponse(html('not found')), status: 404 }],
  };
  documents = createDocuments();
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

describe('the live-document fast path', () => {
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
    ['a path the content does not decide', '/search', {}, 'GET'],
    ['a range request', '/world/story', { range: 'bytes=0-10' }, 'GET'],
  ])('leaves %s to Next', async (_, path, headers, method) => {
    expect((await get(path, headers, method)).status).toBe(599);
  });

  it('serves a page with campaign parameters from memory', async () => {
    expect((await get('/?utm_source=newsletter')).body.equals(html('home'))).toBe(true);
  });

  it('stores nothing that sets a cookie or is not a 200', async () => {
    answers['/'] = [nextResponse(html('home'), { 'Set-Cookie': 'a=1' })];
    expect((await get('/')).status).toBe(599);
    now += 2_000;
    answers['/'] = [{ ...nextResponse(html('home')), status: 404 }];
    expect((await get('/')).status).toBe(599);
    now += 2_000;
    answers['/'] = [nextResponse(html('home'))];
    expect((await get('/')).status).toBe(200);
  });

  it('names the exact bytes with an ETag of its own when Next sent none (a page rendered on demand)', async () => {
    answers['/world/other'] = [nextResponse(html('other'), { ETag: '' })];
    const reply = await get('/world/other');
    expect(reply.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await get('/world/other', { 'if-none-match': reply.headers.etag as string })).status).toBe(304);
  });

  it('drops the documents that show what a change touched, and only those', async () => {
    answers['/world/story'] = [nextResponse(html('v1 story')), nextResponse(html('v2 story'), { ETag: '"e2"' })];
    answers['/'] = [nextResponse(html('v1 home')), nextResponse(html('v2 home'), { ETag: '"e2"' })];
    for (const path of ['/world/story', '/', '/world/other']) await get(path);
    expect((await get('/world/story')).body.equals(html('v1 story'))).toBe(true);
    documents.invalidate(['story:story']);
    expect((await get('/world/story')).body.equals(html('v2 story'))).toBe(true);
    expect((await get('/')).body.equals(html('v2 home'))).toBe(true);
    await get('/world/other');
    expect(captures).toEqual(['/world/story', '/', '/world/other', '/world/story', '/']);
    expect(documents.size().documents).toBe(3);
  });

  it('drops a related box with the story it shows, and everything for the site key', async () => {
    for (const path of ['/world/story', '/', '/world/other']) await get(path);
    documents.invalidate(['story:other']);
    await get('/');
    expect(captures).toEqual(['/world/story', '/', '/world/other']);
    await get('/world/story');
    expect(captures.slice(3)).toEqual(['/world/story']);
    documents.invalidate(['site']);
    expect(documents.size().documents).toBe(0);
  });

  it('answers a kept document without asking the content again, until a change drops it', async () => {
    await get('/world/story');
    await get('/world/story');
    expect(classified).toEqual(['/world/story']);
    documents.invalidate(['story:story']);
    await get('/world/story');
    expect(classified).toEqual(['/world/story', '/world/story']);
  });

  it('says with X-Cache whether it answered from memory (HIT) or has just rendered the document (MISS)', async () => {
    expect((await get('/world/story')).headers['x-cache']).toBe('MISS');
    expect((await get('/world/story')).headers['x-cache']).toBe('HIT');
    expect((await get('/world/story', { 'if-none-match': '"e1"' })).headers['x-cache']).toBe('HIT');
    documents.invalidate(['story:story']);
    expect((await get('/world/story')).headers['x-cache']).toBe('MISS');
  });

  it('sends the keys as a Surrogate-Key header', async () => {
    expect((await get('/world/story')).headers['surrogate-key']).toBe('site story:story story:other');
  });

  it('serves a document whose keys the content cannot tell (a listing page read from a store, let go since), and keeps none of it', async () => {
    answers['/world/card'] = [nextResponse(html('card'))];
    const first = await get('/world/card');
    expect([first.status, first.body.equals(html('card')), first.headers['surrogate-key']]).toEqual([200, true, 'site']);
    await get('/world/card');
    expect(captures).toEqual(['/world/card', '/world/card']);
  });

  it('serves a copy rendered while a change touched it, and keeps none of it; an unrelated change does not matter', async () => {
    answers['/world/story'] = [nextResponse(html('during')), nextResponse(html('after'))];
    duringCapture = () => {
      documents.invalidate(['story:other']);
      duringCapture = () => {};
    };
    expect((await get('/world/story')).body.equals(html('during'))).toBe(true);
    expect((await get('/world/story')).body.equals(html('after'))).toBe(true);
    duringCapture = () => {
      documents.invalidate(['story:unrelated']);
      duringCapture = () => {};
    };
    await get('/');
    await get('/');
    expect(captures).toEqual(['/world/story', '/world/story', '/']);
  });

  it('answers every unknown path with one stored 404 page, uncacheable, rendered again only when the site changes', async () => {
    for (const path of ['/nope', '/world/no-such-story', '/tag/nothing?utm_source=x', '/a/b/c/d/e']) {
      const reply = await get(path);
      expect(reply.status).toBe(404);
      expect(reply.body.equals(html('not found'))).toBe(true);
      expect(reply.headers['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
      expect(reply.headers['content-security-policy']).toMatch(/sha256-/);
    }
    expect(captures).toEqual([NOT_FOUND_PROBE]);
    documents.invalidate(['story:story']);
    await get('/nope');
    expect(captures).toEqual([NOT_FOUND_PROBE]);
    documents.invalidate(['site']);
    await get('/nope');
    expect(captures).toEqual([NOT_FOUND_PROBE, NOT_FOUND_PROBE]);
  });

  it('answers a withdrawn story with its notice and 410, and an old URL with a 308', async () => {
    const gone = await get('/world/gone');
    expect(gone.status).toBe(410);
    expect(gone.body.equals(html('withdrawn notice'))).toBe(true);
    expect(gone.headers['cache-control']).toMatch(/no-store/);
    const moved = await get('/world/old-name');
    expect(moved.status).toBe(308);
    expect(moved.headers.location).toBe('/world/story');
  });

  it('sends images as they are, whatever the client accepts', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    answers['/world/card'] = [nextResponse(jpeg, { 'Content-Type': 'image/jpeg', Vary: '' })];
    const reply = await get('/world/card', { 'accept-encoding': 'br, gzip' });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.equals(jpeg)).toBe(true);
    expect(reply.headers['content-security-policy']).toBeUndefined();
  });

  it('keeps at most its byte budget, least recently used out', async () => {
    await new Promise((resolve) => server.close(resolve));
    documents = createDocuments(1);
    server = http.createServer((req, res) => {
      const served = documents.serve(req, res);
      if (served !== true && served !== false) void served;
    });
    origin = await listen(server);
    await get('/world/story');
    await get('/world/other');
    expect(documents.size().documents).toBe(1);
    await get('/world/other');
    expect(captures).toEqual(['/world/story', '/world/other']);
    await get('/world/story');
    expect(captures).toEqual(['/world/story', '/world/other', '/world/story']);
  });

  it('keeps a page in brotli only, and its uncompressed and gzip bodies from the first client that asks for each', async () => {
    const br = await get('/world/story', { 'accept-encoding': 'gzip, br' });
    const compressedOnly = documents.size().bytes;
    // The brotli body and the document's headers and keys, counted in the budget.
    expect(compressedOnly - br.body.length).toBeGreaterThan(512);
    expect(compressedOnly - br.body.length).toBeLessThan(4096);
    const page = html('story');
    const plain = await get('/world/story');
    expect(plain.body.equals(page)).toBe(true);
    expect(plain.headers['content-length']).toBe(String(page.length));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(documents.size().bytes).toBe(compressedOnly + page.length);
    expect((await get('/world/story')).body.equals(page)).toBe(true);
    expect(documents.size().bytes).toBe(compressedOnly + page.length);
    const gzip = await get('/world/story', { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzip.body).equals(page)).toBe(true);
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length));
    expect(documents.size().bytes).toBe(compressedOnly + page.length + gzip.body.length);
    expect((await get('/world/story', { 'accept-encoding': 'gzip' })).body.equals(gzip.body)).toBe(true);
    expect(captures).toEqual(['/world/story']);
  });
});

describe('a document that answers to a query (a live blog\'s ?since=)', () => {
  beforeEach(() => {
    for (const since of ['a', 'b', 'old']) answers[`/world/story?since=${since}`] = [nextResponse(html(`story since ${since}`))];
  });

  it('keeps one copy per canonical query under the page\'s keys, and serves others the plain page', async () => {
    expect((await get('/world/story?since=a')).body.equals(html('story since a'))).toBe(true);
    expect((await get('/world/story?since=a&utm_source=x')).body.equals(html('story since a'))).toBe(true);
    expect((await get('/world/story?since=old-1')).body.equals(html('story since old'))).toBe(true);
    expect((await get('/world/story?since=old-2')).body.equals(html('story since old'))).toBe(true);
    for (const target of ['/world/story?since=zzz', '/world/story?since=', '/world/story']) expect((await get(target)).body.equals(html('story'))).toBe(true);
    expect(captures.sort()).toEqual(['/world/story', '/world/story?since=a', '/world/story?since=old']);
    // A change to the page drops its marked copies too.
    documents.invalidate(['story:story']);
    await get('/world/story?since=a');
    expect(captures.filter((target) => target === '/world/story?since=a')).toHaveLength(2);
  });
});

describe('the policy of a captured document', () => {
  it('comes from the policyOf it is given (the server passes a worker thread), one for all codings', async () => {
    const hashed: string[] = [];
    documents = new LiveDocuments(
      { classify: () => ({ kind: 'document' }), keys: () => ['site'] },
      async () => nextResponse(html('story')),
      { clock: () => now, policyOf: async (body) => (hashed.push(body.toString('utf8')), "default-src 'none'") },
    );
    for (const encoding of ['identity', 'gzip', 'br']) {
      expect((await get('/world/story', { 'accept-encoding': encoding })).headers['content-security-policy']).toBe("default-src 'none'");
    }
    expect(hashed).toEqual([html('story').toString('utf8')]);
  });
});
