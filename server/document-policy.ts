import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { contentSecurityPolicy } from '../lib/http/content-security-policy';
import { NOT_FOUND_CACHE_CONTROL, PREVIEW_CACHE_CONTROL } from '../lib/seo/http-headers';

type Write = ServerResponse['write'];
type End = ServerResponse['end'];
type Callback = (error?: Error | null) => void;

function decoded(body: Buffer, contentEncoding: unknown): string {
  switch (contentEncoding) {
    case 'gzip':
      return gunzipSync(body).toString('utf8');
    case 'br':
      return brotliDecompressSync(body).toString('utf8');
    case 'deflate':
      return inflateSync(body).toString('utf8');
    default:
      return body.toString('utf8');
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}


/** The strict policy, with no inline sources: the same for every response. */
const STRICT_POLICY = contentSecurityPolicy();

/** Content-Type set with setHeader or passed to writeHead(status, [message], headers). */
function contentType(res: ServerResponse, writeHeadArgs: unknown[]): string {
  const passed = writeHeadArgs.find((arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null);
  const fromArgs = passed && Object.entries(passed).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return String(fromArgs ?? res.getHeader('content-type') ?? '');
}

/**
 * Gives a response Next renders itself a Content-Security-Policy (and a 404 no-store): the strict policy with no
 * inline sources for anything but HTML, and for an HTML document (the 404 page, a page rendered
 * on demand) the policy with the hashes of its own inline scripts. Such a document is held
 * back until complete (the site has no streamed pages), decoded only to be hashed if Next
 * compressed it, and sent unchanged with the header added.
 *
 * Call before handing the request to Next: Next's compression wraps these methods in turn.
 */
export function applyDocumentPolicy(
  req: IncomingMessage,
  res: ServerResponse,
  policyOf: (html: string) => string,
  { preview = false }: { preview?: boolean } = {},
): void {
  res.setHeader('Content-Security-Policy', STRICT_POLICY);
  // A HEAD has no body to hash: the strict policy stands, but a 404 still must not be cached.
  const hashable = req.method !== 'HEAD';

  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const flushHeaders = res.flushHeaders;
  let decided = false;
  let held: { chunks: Buffer[]; writeHeadArgs: unknown[] } | undefined;

  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!decided) {
      decided = true;
      const status = Number(args[0]);
      // Without this a 404 rendered on demand would carry the document rule from next.config.ts
      // and let a CDN keep "not found" for a story published a minute later.
      if (status === 404) this.setHeader('Cache-Control', NOT_FOUND_CACHE_CONTROL);
      else if (preview) this.setHeader('Cache-Control', PREVIEW_CACHE_CONTROL);
      if (hashable && contentType(this, args).startsWith('text/html') && status !== 204 && status !== 304) {
        held = { chunks: [], writeHeadArgs: args };
      }
    }
    if (held) return this;
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];

  res.flushHeaders = function (this: ServerResponse) {
    if (!decided && !this.headersSent) this.writeHead(this.statusCode);
    if (!held) flushHeaders.call(this);
  };

  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (!decided && !this.headersSent) this.writeHead(this.statusCode);
    if (!held) return (write as (...a: unknown[]) => boolean).call(this, chunk, encoding, callback);
    held.chunks.push(toBuffer(chunk, encoding));
    const done = [encoding, callback].find((arg): arg is Callback => typeof arg === 'function');
    if (done) process.nextTick(done);
    return true;
  } as Write;

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!decided && !this.headersSent) this.writeHead(this.statusCode);
    if (!held) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const callback = args.find((arg): arg is Callback => typeof arg === 'function');
    const [chunk, encoding] = args.filter((arg) => typeof arg !== 'function');
    if (chunk !== undefined && chunk !== null) held.chunks.push(toBuffer(chunk, encoding));
    const body = Buffer.concat(held.chunks);
    this.setHeader('Content-Security-Policy', policyOf(decoded(body, this.getHeader('content-encoding'))));
    this.setHeader('Content-Length', body.length);
    this.removeHeader('Transfer-Encoding');
    (writeHead as (...a: unknown[]) => ServerResponse).apply(this, held.writeHeadArgs);
    held = undefined;
    return (end as (...a: unknown[]) => ServerResponse).call(this, body, callback);
  } as End;
}
