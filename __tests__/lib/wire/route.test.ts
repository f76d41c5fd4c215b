import { fixture, makeSite, type Site } from './helpers';

/**
 * The push endpoint, called as Next calls it: POST(request). The content folder is a scratch
 * one (CONTENT_DIR); the route's live content reads it, so "live at once" is checked directly.
 */
const LIVE = Symbol.for('newsbite.live-content');
type Scope = typeof globalThis & { [LIVE]?: { close(): void } };

let site: Site;
let POST: (request: Request) => Promise<Response>;
const saved = { ...process.env };

beforeAll(async () => {
  site = makeSite();
  process.env.CONTENT_DIR = site.dirs.contentDir;
  delete process.env.PHOTOS_DIR;
  delete process.env.DATABASE_URL;
  ({ POST } = await import('@/app/api/wire/ninjs/route'));
});
afterAll(() => {
  (globalThis as Scope)[LIVE]?.close();
  delete (globalThis as Scope)[LIVE];
  process.env = saved;
  site.cleanup();
});
beforeEach(() => {
  process.env.WIRE_TOKEN = 'correct horse battery staple';
});

const URL = 'http://localhost/api/wire/ninjs';
const post = (body: BodyInit | null, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  POST(new Request(URL, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'Bearer correct horse battery staple', ...headers }, ...init }));

describe('POST /api/wire/ninjs', () => {
  it('is off (404) when WIRE_TOKEN is not set', async () => {
    delete process.env.WIRE_TOKEN;
    const response = await post(fixture('text-only.json'));
    expect(response.status).toBe(404);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
    ['a token that is a prefix of the right one', { authorization: 'Bearer correct' }],
    ['another scheme', { authorization: 'Basic Y29ycmVjdDpob3JzZQ==' }],
  ])('refuses %s with 401', async (_, headers) => {
    const request = new Request(URL, { method: 'POST', body: fixture('text-only.json'), headers: { 'content-type': 'application/json', ...headers } });
    const response = await POST(request);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(site.articleFiles()).toEqual([]);
  });

  it('refuses a body over 2 MB with 413, by Content-Length or while it streams', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024 + 1);
    expect((await post(big, { 'content-length': String(big.length) })).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        controller.close();
      },
    });
    const response = await post(stream, {}, { duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'the body is over 2097152 bytes' });
  });

  it('answers 400 with the parser message for a body that is not JSON', async () => {
    const response = await post('{"uri": ');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^the body is not JSON: /);
  });

  it('imports a document, answers with the CLI outcome fields, and the story is live at once', async () => {
    const response = await post(fixture('text-only.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = await response.json();
    expect(body.results).toEqual([
      { outcome: 'imported', uri: 'http://wire.example.org/2026/text-only-rates', path: '/business/central-bank-holds-rates-steady', reason: 'version 1, new in business; text only' },
    ]);
    expect(body.live.problems).toEqual([]);
    const { liveContent } = await import('@/lib/content/live');
    expect(liveContent().current().article('business', 'central-bank-holds-rates-steady')?.headline).toBe('Central bank holds rates steady');
  });

  it('answers a replay with 200 and "ignored", and a refused document with 422 naming the field', async () => {
    expect((await (await post(fixture('text-only.json'))).json()).results[0]).toMatchObject({ outcome: 'ignored' });
    const response = await post(fixture('unknown-fields.json'));
    expect(response.status).toBe(422);
    expect((await response.json()).results[0]).toMatchObject({ outcome: 'rejected', path: null, reason: expect.stringMatching(/^request: .*bogus: unknown field/) });
  });

  it('takes an array of documents, reporting each', async () => {
    const response = await post(fixture('batch.json'));
    expect(response.status).toBe(422);
    expect((await response.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(['imported', 'rejected', 'imported']);
  });
});
