import { createHash } from 'node:crypto';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { documentSecurityPolicy, contentSecurityPolicy } from '@/lib/http/content-security-policy';
import { applyDocumentPolicy } from '@/server/document-policy';
import { listen, request } from '../helpers/http';

// The compression middleware Next applies to every response it sends (after ours is in place).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nextCompression = require('next/dist/compiled/compression') as () => (req: unknown, res: unknown, next: () => void) => void;

const page = `<!DOCTYPE html><html><head><script>self.__next_f=[]</script></head><body>${'<p>news</p>'.repeat(200)}<script>self.__next_f.push([1,"x"])</script></body></html>`;
const scriptHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

type Responder = (res: http.ServerResponse) => void;
let respond: Responder;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    applyDocumentPolicy(req, res, documentSecurityPolicy);
    nextCompression()(req, res, () => {});
    respond(res);
  });
  origin = await listen(server);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = (headers: Record<string, string> = {}, method = 'GET') => request(`${origin}/`, headers, method);

/** Writes the page the way Next streams a render: flushHeaders, several writes, end. */
const streamed: Responder = (res) => {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.flushHeaders();
  const half = Math.floor(page.length / 2);
  res.write(page.slice(0, half));
  res.write(Buffer.from(page.slice(half)));
  res.end();
};

describe('applyDocumentPolicy (HTML that Next renders itself)', () => {
  it('gives a streamed HTML document the hashes of its own inline scripts and sends it unchanged', async () => {
    respond = streamed;
    const reply = await get();
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).toBe(page);
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(page)));
    expect(reply.headers['content-security-policy']).toContain(
      `script-src 'self' ${scriptHash('self.__next_f=[]')} ${scriptHash('self.__next_f.push([1,"x"])')};`,
    );
  });

  it('never lets a cache keep a 404', async () => {
    respond = (res) => {
      res.setHeader('Cache-Control', 'public, max-age=0, s-maxage=300');
      streamed(res);
    };
    expect((await get()).headers['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
    expect((await get({}, 'HEAD')).headers['cache-control']).toBe('private, no-cache, no-store, max-age=0, must-revalidate');
  });

  it('hashes what Next compressed without changing the compressed bytes', async () => {
    respond = streamed;
    const reply = await get({ 'accept-encoding': 'gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(reply.body).toString()).toBe(page);
    expect(reply.headers['content-security-policy']).toBe(documentSecurityPolicy(page));
  });

  it('gives anything that is not HTML the strict policy and streams it through', async () => {
    respond = (res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('{"a":1}');
    };
    const reply = await get();
    expect(reply.body.toString()).toBe('{"a":1}');
    expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy());
  });

  it('leaves HEAD and 304 answers with the strict policy', async () => {
    respond = (res) => {
      res.writeHead(304, { ETag: '"x"' });
      res.end();
    };
    expect((await get()).headers['content-security-policy']).toBe(contentSecurityPolicy());
    respond = streamed;
    expect((await get({}, 'HEAD')).headers['content-security-policy']).toBe(contentSecurityPolicy());
  });
});
