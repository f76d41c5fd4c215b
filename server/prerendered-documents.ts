import fs from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { documentSecurityPolicy } from '../lib/http/content-security-policy';
import { matchesIfNoneMatch, preferredEncoding, sharedCacheLifetime, type ContentCoding } from '../lib/http/caching';
import { CONNECTION_HEADERS, pairs, valueOf, type Capture, type CapturedResponse, type HeaderList } from './captured-response';

/**
 * The fast path: prerendered HTML documents served from memory.
 *
 * Next serves a prerendered page through its whole request pipeline (routing, cache lookup,
 * rendering the cached result), about 1.4k req/s on two cores. Here the first request for a
 * prerendered path asks Next for the document once (an internal request), keeps the bytes and
 * the exact headers Next sent, precompresses them, and answers later requests directly.
 * Only documents Next reported as fresh (x-nextjs-cache: HIT) are stored, and only for the
 * lifetime Next's own Cache-Control and the route's revalidate period allow; after that the
 * request goes to Next again, which revalidates as it always does.
 */

export interface PrerenderedRoute {
  /** The status the page was prerendered with: 200 unless the manifest says otherwise. */
  status: number;
  /** Seconds after which Next regenerates the page, or false for a page built once. */
  revalidate: number | false;
}

interface PrerenderManifest {
  routes: Record<string, { initialStatus?: number; initialRevalidateSeconds: number | false; dataRoute?: string | null }>;
}

/** The pages `next build` prerendered, from its prerender manifest. */
export function readPrerenderedRoutes(distDir: string): Map<string, PrerenderedRoute> {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'prerender-manifest.json'), 'utf8')) as PrerenderManifest;
  const routes = new Map<string, PrerenderedRoute>();
  for (const [pathname, route] of Object.entries(manifest.routes)) {
    // Only HTML pages: route handlers (feeds, sitemaps, images) have no RSC data route.
    if (!route.dataRoute || pathname.startsWith('/_')) continue;
    routes.set(pathname, { status: route.initialStatus ?? 200, revalidate: route.initialRevalidateSeconds });
  }
  return routes;
}

interface Representation {
  /** Flat [name, value, ...] as res.writeHead takes it. */
  headers: string[];
  /** The same for a 304, with this representation's ETag. */
  notModifiedHeaders: string[];
  body: Buffer;
}

interface StoredDocument {
  expiresAt: number;
  status: number;
  representations: Record<ContentCoding, Representation>;
  /** The ETags of all representations: If-None-Match may name any of them. */
  etags: string[];
}

const CODINGS = ['identity', 'gzip', 'br'] as const;

/** Headers of one stored response that each representation sets for itself. */
const PER_RESPONSE_HEADERS = new Set([...CONNECTION_HEADERS, 'content-encoding', 'content-security-policy']);

/** Request headers with which Next answers something other than the HTML document. */
function wantsSomethingElse(headers: IncomingHttpHeaders): boolean {
  for (const name in headers) {
    if (
      name === 'rsc' ||
      name === 'range' ||
      name === 'x-matched-path' ||
      name.startsWith('next-') ||
      name.startsWith('x-next') ||
      name.startsWith('x-prerender')
    ) {
      return true;
    }
  }
  const cookie = headers.cookie;
  return cookie !== undefined && (cookie.includes('__prerender_bypass') || cookie.includes('__next_preview_data'));
}

/** The path of a request target, or undefined when its query could mean something to Next. */
function documentPath(url: string): string | undefined {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  // Campaign parameters (?utm_source=...) do not change a static page; Next's own ones
  // (_rsc, __nextDataReq, ...) start with an underscore and go to Next.
  if (/(^|&)_/.test(url.slice(queryStart + 1))) return undefined;
  return url.slice(0, queryStart);
}

/** Vary as Next sent it, making sure caches know the body depends on Accept-Encoding. */
function withVaryAcceptEncoding(headers: HeaderList): HeaderList {
  const vary = valueOf(headers, 'vary');
  if (vary === undefined) return [...headers, ['Vary', 'Accept-Encoding']];
  if (/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) return headers;
  return headers.map(([key, value]) => [key, key.toLowerCase() === 'vary' ? `${value}, Accept-Encoding` : value]);
}

/** A strong validator names exact bytes, so each content coding gets its own ETag. */
function codingEtag(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Maximum compression, once per document. Brotli at quality 11 takes about 140 ms for a 37 KB
 * article, so both run on libuv's thread pool rather than blocking requests in flight.
 */
async function compress(body: Buffer): Promise<Record<ContentCoding, Buffer>> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  ]);
  return { identity: body, gzip: gzipped, br: brotli };
}

/** Turns Next's answer into the stored document, or undefined if it must not be reused. */
async function storeDocument(route: PrerenderedRoute, captured: CapturedResponse, now: number): Promise<StoredDocument | undefined> {
  const received = pairs(captured.rawHeaders);
  const etag = valueOf(received, 'etag');
  // Each coding's ETag is derived from a strong one (see codingEtag).
  if (etag === undefined || !etag.startsWith('"')) return undefined;
  const lifetime = sharedCacheLifetime(valueOf(received, 'cache-control'), route.revalidate);
  const reusable =
    captured.status === route.status &&
    // Readers get every 404 uncacheable (document-policy.ts), so one is never kept either.
    captured.status !== 404 &&
    valueOf(received, 'x-nextjs-cache') === 'HIT' &&
    lifetime > 0 &&
    valueOf(received, 'content-type')?.startsWith('text/html') &&
    valueOf(received, 'set-cookie') === undefined;
  if (!reusable) return undefined;

  const documentHeaders = withVaryAcceptEncoding(received.filter(([key]) => !PER_RESPONSE_HEADERS.has(key.toLowerCase())));
  const policy: HeaderList = [['Content-Security-Policy', documentSecurityPolicy(captured.body.toString('utf8'))]];
  // A 304 repeats the headers a cache must update, but describes no body.
  const notModifiedHeaders: HeaderList = [...documentHeaders.filter(([key]) => !['content-type', 'etag'].includes(key.toLowerCase())), ...policy];
  const bodies = await compress(captured.body);
  const representation = (coding: ContentCoding): Representation => {
    const codingHeaders: HeaderList = [
      ...documentHeaders.map(([key, value]): [string, string] => [key, key.toLowerCase() === 'etag' ? codingEtag(etag, coding) : value]),
      ...policy,
      ...(coding === 'identity' ? [] : [['Content-Encoding', coding] as [string, string]]),
      ['Content-Length', String(bodies[coding].length)],
    ];
    return {
      headers: codingHeaders.flat(),
      notModifiedHeaders: [...notModifiedHeaders, ['ETag', codingEtag(etag, coding)]].flat(),
      body: bodies[coding],
    };
  };
  return {
    expiresAt: now + lifetime * 1000,
    status: captured.status,
    representations: { identity: representation('identity'), gzip: representation('gzip'), br: representation('br') },
    etags: CODINGS.map((coding) => codingEtag(etag, coding)),
  };
}

/** After Next answered with something we may not store (STALE while it regenerates), wait this long. */
const RETRY_AFTER_MS = 1_000;

export class PrerenderedDocuments {
  private readonly stored = new Map<string, StoredDocument>();
  private readonly loading = new Map<string, Promise<StoredDocument | undefined>>();
  private readonly retryAt = new Map<string, number>();

  constructor(
    private readonly routes: Map<string, PrerenderedRoute>,
    private readonly capture: Capture,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Answers the request from memory if it asks for a prerendered document. Returns false when
   * Next must answer; a Promise when the document is being fetched from Next first.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = documentPath(req.url ?? '');
    const route = pathname === undefined ? undefined : this.routes.get(pathname);
    if (!route || wantsSomethingElse(req.headers)) return false;
    const document = this.current(pathname!);
    if (document) return respond(document, req, res);
    return this.load(pathname!, route).then((loaded) => (loaded ? respond(loaded, req, res) : false));
  }

  private current(pathname: string): StoredDocument | undefined {
    const document = this.stored.get(pathname);
    if (document && document.expiresAt <= this.clock()) {
      this.stored.delete(pathname);
      return undefined;
    }
    return document;
  }

  private load(pathname: string, route: PrerenderedRoute): Promise<StoredDocument | undefined> {
    const pending = this.loading.get(pathname);
    if (pending) return pending;
    if ((this.retryAt.get(pathname) ?? 0) > this.clock()) return Promise.resolve(undefined);
    const loading = this.capture(pathname, { accept: 'text/html' })
      .then((captured) => storeDocument(route, captured, this.clock()))
      .catch(() => undefined)
      .then((document) => {
        this.loading.delete(pathname);
        if (document) {
          this.stored.set(pathname, document);
          this.retryAt.delete(pathname);
        } else {
          this.retryAt.set(pathname, this.clock() + RETRY_AFTER_MS);
        }
        return document;
      });
    this.loading.set(pathname, loading);
    return loading;
  }
}

/** Clients send few distinct Accept-Encoding values: parse each once. */
const codings = new Map<string, ContentCoding>();
function codingFor(acceptEncoding: string | undefined): ContentCoding {
  if (acceptEncoding === undefined) return 'identity';
  let coding = codings.get(acceptEncoding);
  if (coding === undefined) {
    coding = preferredEncoding(acceptEncoding);
    if (codings.size >= 64) codings.clear();
    codings.set(acceptEncoding, coding);
  }
  return coding;
}

function respond(document: StoredDocument, req: IncomingMessage, res: ServerResponse): true {
  const representation = document.representations[codingFor(req.headers['accept-encoding'])];
  if (matchesIfNoneMatch(req.headers['if-none-match'], document.etags)) {
    res.writeHead(304, representation.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(document.status, representation.headers);
    res.end(req.method === 'HEAD' ? undefined : representation.body);
  }
  return true;
}
