import http from 'node:http';
import type { CapturedResponse } from '@/server/captured-response';
import { OptimizedImages } from '@/server/optimized-images';
import { listen, request } from '../helpers/http';

const AVIF = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';
const PHOTO = '/_next/image?url=%2Fphotos%2Fbird.jpg&w=750&q=75';

/** What Next's image route sends for an encoded image (see next/dist/server/image-optimizer). */
function encoded(body: Buffer, type: string, extra: Record<string, string> = {}): CapturedResponse {
  const headers: Record<string, string> = {
    'X-Frame-Options': 'DENY',
    Vary: 'Accept',
    'Cache-Control': 'public, max-age=2592000, must-revalidate',
    ETag: `${type}-etag`,
    'Content-Type': type,
    'Content-Disposition': 'attachment; filename="bird.avif"',
    'Content-Security-Policy': "script-src 'none'; frame-src 'none'; sandbox;",
    'X-Nextjs-Cache': 'MISS',
    'Content-Length': String(body.length),
    Date: 'Wed, 25 Nov 2026 10:00:00 GMT',
    Connection: 'keep-alive',
    ...extra,
  };
  return { status: 200, rawHeaders: Object.entries(headers).flat(), body };
}

let captures: { target: string; accept?: string }[];
let answer: (target: string, accept?: string) => CapturedResponse;
let server: http.Server;
let origin: string;

async function start(budgetBytes?: number) {
  captures = [];
  answer = (_, accept) => (accept?.includes('image/avif') ? encoded(Buffer.from('avif bytes'), 'image/avif') : encoded(Buffer.from('webp'), 'image/webp'));
  const images = new OptimizedImages(async (target, headers) => {
    captures.push({ target, accept: headers.accept });
    return answer(target, headers.accept);
  }, budgetBytes);
  server = http.createServer((req, res) => {
    const toNext = () => {
      res.writeHead(599);
      res.end('from next');
    };
    const served = images.serve(req, res);
    if (served === false) toNext();
    else if (served !== true) void served.then((done) => done || toNext());
  });
  origin = await listen(server);
}

afterEach(() => new Promise((resolve) => server.close(resolve)));

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => request(`${origin}${path}`, headers, method);

describe('the optimised-image cache', () => {
  beforeEach(() => start());

  it('asks Next once per image and Accept, then answers from memory with Next headers', async () => {
    const first = await get(PHOTO, { accept: AVIF });
    const again = await get(PHOTO, { accept: AVIF });
    const webp = await get(PHOTO, { accept: 'image/webp,*/*' });
    expect(captures).toEqual([
      { target: PHOTO, accept: AVIF },
      { target: PHOTO, accept: 'image/webp,*/*' },
    ]);
    for (const reply of [first, again]) {
      expect(reply.status).toBe(200);
      expect(reply.body.toString()).toBe('avif bytes');
      expect(reply.headers['content-type']).toBe('image/avif');
      expect(reply.headers.vary).toBe('Accept');
      expect(reply.headers['content-security-policy']).toBe("script-src 'none'; frame-src 'none'; sandbox;");
      expect(reply.headers['content-length']).toBe('10');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
    // Next encoded the image for the first request, and says so; the second never reached Next.
    expect(first.headers['x-nextjs-cache']).toBe('MISS');
    expect(again.headers['x-nextjs-cache']).toBe('HIT');
    expect(webp.body.toString()).toBe('webp');
  });

  it('shares one request to Next among concurrent requests for the same image', async () => {
    const replies = await Promise.all([get(PHOTO, { accept: AVIF }), get(PHOTO, { accept: AVIF }), get(PHOTO, { accept: AVIF })]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(captures).toHaveLength(1);
  });

  it('answers If-None-Match with a bodiless 304 and HEAD with headers only', async () => {
    await get(PHOTO, { accept: AVIF });
    const notModified = await get(PHOTO, { accept: AVIF, 'if-none-match': 'image/avif-etag' });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe('image/avif-etag');
    expect(notModified.headers['cache-control']).toBe('public, max-age=2592000, must-revalidate');
    expect(notModified.headers['content-type']).toBeUndefined();
    const head = await get(PHOTO, { accept: AVIF }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe('10');
  });

  it.each([
    ['a POST', PHOTO, 'POST'],
    ['another route', '/photos/bird.jpg', 'GET'],
    ['a parameter Next does not read', `${PHOTO}&x=1`, 'GET'],
    ['a repeated parameter', `${PHOTO}&w=640`, 'GET'],
    ['a missing parameter', '/_next/image?url=%2Fphotos%2Fbird.jpg&w=750', 'GET'],
  ])('leaves %s to Next', async (_, path, method) => {
    expect((await get(path, { accept: AVIF }, method)).status).toBe(599);
    expect(captures).toEqual([]);
  });

  it.each([
    ['an error', { ...encoded(Buffer.from('"w" parameter (width) of 751 is not allowed'), 'text/plain'), status: 400 }],
    ['a response that is not an image', encoded(Buffer.from('<html>'), 'text/html')],
    ['a response that sets a cookie', encoded(Buffer.from('x'), 'image/avif', { 'Set-Cookie': 'a=b' })],
  ])('does not keep %s: Next answers the request itself', async (_, response) => {
    answer = () => response;
    expect((await get(PHOTO, { accept: AVIF })).status).toBe(599);
    expect((await get(PHOTO, { accept: AVIF })).status).toBe(599);
    expect(captures).toHaveLength(2);
  });
});

describe('the optimised-image cache budget', () => {
  beforeEach(() => start(25));

  it('drops the least recently used image when the budget is spent', async () => {
    const photo = (width: number) => `/_next/image?url=%2Fphotos%2Fbird.jpg&w=${width}&q=75`;
    await get(photo(640), { accept: AVIF }); // 10 bytes
    await get(photo(750), { accept: AVIF }); // 20 bytes in all
    await get(photo(640), { accept: AVIF }); // a hit: 640 is now the most recent
    await get(photo(828), { accept: AVIF }); // 30 bytes: 750 must go
    captures = [];
    await get(photo(640), { accept: AVIF });
    await get(photo(828), { accept: AVIF });
    expect(captures).toEqual([]);
    await get(photo(750), { accept: AVIF });
    expect(captures.map((capture) => capture.target)).toEqual([photo(750)]);
  });
});
