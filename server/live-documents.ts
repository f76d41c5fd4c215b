import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { matchesIfNoneMatch, preferredEncoding, type ContentCoding } from '../lib/http/caching';
import { DOCUMENT_CACHE_CONTROL, NOT_FOUND_CACHE_CONTROL } from '../lib/seo/http-headers';
import { SITE_KEY } from '../lib/document-keys';
import type { PathAnswer } from '../lib/site-paths';
import { policyInThread, type PolicyOf } from './document-policies';
import { CONNECTION_HEADERS, pairs, valueOf, type Capture, type CapturedResponse, type HeaderList } from './captured-response';

/**
 * The fast path: the site's content documents served from memory, each until a change touches
 * what it shows.
 *
 * Every content route renders on demand from the live content (docs/content-flow.md). The first
 * request for a document asks Next for it once (an internal request), keeps the bytes and the
 * exact headers Next sent, compresses them, files them under the document's dependency keys
 * (lib/document-keys.ts: its story, the lists and related box it shows) and answers later
 * requests directly. A content change drops only the documents that carry one of its keys, so
 * a publish costs the pages that show the story, not the archive. Paths the content says cannot
 * exist get the site's 404 page from memory, withdrawn stories their notice with 410, and old
 * URLs a 308, without rendering anything per URL.
 */

/** The live content as the fast path sees it: what it answers at a path, and what a document there shows. */
export interface LiveSite {
  classify(pathname: string): PathAnswer;
  /**
   * The dependency keys of the document rendered for `target` now (every one includes SITE_KEY),
   * or undefined when this instance cannot tell what it shows (a page read from a store, let go
   * since): such a document is served, not kept.
   */
  keys(target: string): string[] | undefined;
  /**
   * The query the document at `pathname` answers to, canonical ("?since=..." on a live blog), or
   * "" when it shows the same whatever the query; a bounded number per document, each kept apart.
   */
  documentQuery?(pathname: string, query: string): string;
}

interface Representation {
  /** Flat [name, value, ...] as res.writeHead takes it; Content-Length once there is a body. */
  headers: string[];
  /** The same for a 304, with this representation's ETag. */
  notModifiedHeaders: string[];
  /**
   * A compressible document is rendered to brotli only (what browsers ask for): its uncompressed
   * and gzip bodies are undefined until a client asks for one, then made from the brotli body
   * and kept. Four fifths of a page's bytes are its uncompressed body, so the same budget keeps
   * five times the documents, and a render costs one compression, not two.
   */
  body: Buffer | undefined;
}

interface StoredDocument {
  /** Dependency keys: the document is dropped when a change touches any of them. */
  keys: string[];
  status: number;
  representations: Record<ContentCoding, Representation>;
  /** The ETags of all representations: If-None-Match may name any of them. */
  etags: string[];
  bytes: number;
}

const CODINGS = ['identity', 'gzip', 'br'] as const;

/** Headers of one stored response that each representation sets for itself. */
const PER_RESPONSE_HEADERS = new Set([...CONNECTION_HEADERS, 'content-encoding', 'content-security-policy']);

/**
 * X-Cache on every answer of the fast path: HIT from memory, MISS just rendered by Next (tests
 * and benchmarks tell them apart by it, as they would behind a CDN).
 */
const HIT = 'HIT';
const MISS = 'MISS';

/** Where the server asks Next for its 404 page: no route matches four such segments. */
export const NOT_FOUND_PROBE = '/newsbite/not/found/probe';

/** Request headers with which Next answers something other than the document. */
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
  return false;
}

/** The path and query of a request target, or undefined when its query could mean something to Next. */
function documentTarget(url: string): { pathname: string; query: string } | undefined {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return { pathname: url, query: '' };
  // Campaign parameters (?utm_source=...) and card versions (?v=...) do not change a document;
  // Next's own ones (_rsc, __nextDataReq, ...) start with an underscore and go to Next.
  const query = url.slice(queryStart + 1);
  if (/(^|&)_/.test(query)) return undefined;
  return { pathname: url.slice(0, queryStart), query };
}

/** Vary as Next sent it, making sure caches know the body depends on Accept-Encoding. */
function withVaryAcceptEncoding(headers: HeaderList): HeaderList {
  const vary = valueOf(headers, 'vary');
  if (vary === undefined) return [...headers, ['Vary', 'Accept-Encoding']];
  if (/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) return headers;
  return headers.map(([key, value]) => [key, key.toLowerCase() === 'vary' ? `${value}, Accept-Encoding` : value]);
}

function replaceHeader(headers: HeaderList, name: string, value: string): HeaderList {
  const kept = headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase());
  return [...kept, [name, value]];
}

/** A strong validator names exact bytes, so each content coding gets its own ETag. */
function codingEtag(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

const brotliAsync = promisify(brotliCompress);

/** Text compresses; JPEG cards and crops do not, and are sent as they are. */
const COMPRESSIBLE = /^(text\/|application\/(xml|json|rss\+xml|atom\+xml|ld\+json))/;

/**
 * Compression levels. Brotli at quality 5 costs about 1.3 ms for an 80 KB page and is 11 % larger
 * than at quality 11, which costs about 90 ms: a publish makes documents render again, so a miss
 * must stay cheap. A render is compressed with brotli on libuv's thread pool; gzip is made once
 * for the first client that asks for it (few do).
 */
const LEVELS = { gzip: 6, brotli: 5 };

/**
 * A window just large enough for the whole body: the same compression as brotli's default 4 MB
 * window for any document under it, without the encoder allocating megabytes for each page.
 */
function windowBitsFor(bytes: number): number {
  return Math.min(zlibConstants.BROTLI_DEFAULT_WINDOW, Math.max(zlibConstants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 16))));
}

function compressBrotli(body: Buffer): Promise<Buffer> {
  return brotliAsync(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: LEVELS.brotli,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlibConstants.BROTLI_PARAM_LGWIN]: windowBitsFor(body.length),
    },
  });
}

/**
 * What a kept document costs beside its bodies: its header lists (the policy is most of them),
 * keys and index entries, a few KB. Counted in the budget: a page kept as brotli only is 10-15 KB.
 */
function bookkeepingBytes(representations: Record<ContentCoding, Representation>, keys: string[]): number {
  const lists = Object.values(representations).flatMap(({ headers, notModifiedHeaders }) => [headers, notModifiedHeaders]);
  // The codings' lists share most of their strings.
  const strings = new Set(lists.flat());
  let bytes = 512 + 8 * lists.reduce((slots, list) => slots + list.length, 0);
  for (const value of strings) bytes += value.length;
  for (const key of keys) bytes += 2 * key.length + 64;
  return bytes;
}

/** A representation's headers with its body's Content-Length, once it has a body. */
function withLength(headers: string[], body: Buffer | undefined): string[] {
  return body ? [...headers, 'Content-Length', String(body.length)] : headers;
}

/** How a captured answer is kept: the status readers get and any Cache-Control it must carry instead of Next's. */
interface StoreAs {
  status: number;
  cacheControl?: string;
}

/** Turns Next's answer into the stored document, or undefined if it must not be reused. */
async function storeDocument(captured: CapturedResponse, keys: string[], as: StoreAs, expectedStatus: number, policyOf: PolicyOf): Promise<StoredDocument | undefined> {
  let received = pairs(captured.rawHeaders);
  const contentType = valueOf(received, 'content-type') ?? '';
  const reusable = captured.status === expectedStatus && contentType !== '' && valueOf(received, 'set-cookie') === undefined;
  if (!reusable) return undefined;
  // Next sends no ETag for a page rendered on demand: name the exact bytes ourselves.
  let etag = valueOf(received, 'etag');
  if (etag === undefined || !etag.startsWith('"')) {
    etag = `"${createHash('sha1').update(captured.body).digest('base64url').slice(0, 27)}"`;
    received = replaceHeader(received, 'ETag', etag);
  }
  if (as.cacheControl) received = replaceHeader(received, 'Cache-Control', as.cacheControl);
  // A CDN purges by these keys what this server drops on a change (docs/content-flow.md).
  // Header values are ASCII: a topic key may not be ("tag:москва").
  received = replaceHeader(received, 'Surrogate-Key', keys.map((key) => encodeURI(key)).join(' '));
  const compressible = COMPRESSIBLE.test(contentType);
  const kept = received.filter(([key]) => !PER_RESPONSE_HEADERS.has(key.toLowerCase()));
  const documentHeaders = compressible ? withVaryAcceptEncoding(kept) : kept;
  const html = contentType.startsWith('text/html');
  // The policy (parse5 over the page, on a worker thread in the server) and the compression (libuv's pool) at once.
  const [policyValue, brotli] = await Promise.all([html ? policyOf(captured.body) : undefined, compressible ? compressBrotli(captured.body) : undefined]);
  const policy: HeaderList = policyValue === undefined ? [] : [['Content-Security-Policy', policyValue]];
  // A 304 repeats the headers a cache must update, but describes no body.
  const notModifiedHeaders: HeaderList = [...documentHeaders.filter(([key]) => !['content-type', 'etag'].includes(key.toLowerCase())), ...policy];
  const codingOf = (coding: ContentCoding): ContentCoding => (compressible ? coding : 'identity');
  const representation = (coding: ContentCoding): Representation => {
    const sent = codingOf(coding);
    const codingHeaders: HeaderList = [
      ...documentHeaders.map(([key, value]): [string, string] => [key, key.toLowerCase() === 'etag' ? codingEtag(etag, sent) : value]),
      ...policy,
      ...(sent === 'identity' ? [] : [['Content-Encoding', sent] as [string, string]]),
    ];
    const body = !brotli ? captured.body : coding === 'br' ? brotli : undefined;
    return {
      headers: withLength(codingHeaders.flat(), body),
      notModifiedHeaders: [...notModifiedHeaders, ['ETag', codingEtag(etag, sent)]].flat(),
      body,
    };
  };
  const representations = { identity: representation('identity'), gzip: representation('gzip'), br: representation('br') };
  return {
    keys,
    status: as.status,
    representations,
    etags: [...new Set(CODINGS.map((coding) => codingEtag(etag, codingOf(coding))))],
    bytes: (brotli ?? captured.body).length + bookkeepingBytes(representations, keys),
  };
}

/**
 * Every reader gets the one stored copy, so it is rendered as for the most demanding one: with a
 * user agent, which htmlLimitedBots (next.config.ts) matches, so metadata is in <head>.
 */
const CAPTURE_HEADERS = { accept: 'text/html', 'user-agent': 'NewsBite-fast-path' };

/** After Next answered with something we may not store, wait this long before asking again. */
const RETRY_AFTER_MS = 1_000;

/** Headers of a 308 to a story's current URL. */
function redirectHeaders(location: string): string[] {
  return ['Location', location, 'Cache-Control', DOCUMENT_CACHE_CONTROL, 'Content-Type', 'text/plain; charset=utf-8', 'Content-Length', '0'];
}

export interface LiveDocumentsOptions {
  /** Bytes of stored bodies (all codings) kept at most; least recently used go first. */
  maxBytes?: number;
  clock?: () => number;
  /** The policy of a captured HTML document; in the thread unless given (the server passes a worker's). */
  policyOf?: PolicyOf;
}

/** How many recent changes are remembered to tell whether a render in flight went stale. */
const RECENT_CHANGES = 1_000;

export class LiveDocuments {
  /** Insertion order is recency: a hit moves its document to the end. */
  private readonly stored = new Map<string, StoredDocument>();
  /** Dependency key -> the stored documents that carry it. */
  private readonly byKey = new Map<string, Set<string>>();
  private storedBytes = 0;
  private readonly loading = new Map<string, { keys: string[]; promise: Promise<StoredDocument | undefined> }>();
  private readonly retryAt = new Map<string, number>();
  /** Counts changes; recentChanges holds the keys of the last RECENT_CHANGES of them. */
  private generation = 0;
  private readonly recentChanges: { generation: number; keys: Set<string> }[] = [];
  private readonly maxBytes: number;
  private readonly clock: () => number;
  private readonly policyOf: PolicyOf;

  constructor(
    private readonly site: LiveSite,
    private readonly capture: Capture,
    { maxBytes = 64 * 1024 * 1024, clock = Date.now, policyOf = policyInThread }: LiveDocumentsOptions = {},
  ) {
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.policyOf = policyOf;
  }

  /**
   * Answers the request from memory if the content decides it. Returns false when Next must
   * answer; a Promise when the document is being fetched from Next first.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const requested = documentTarget(req.url ?? '');
    if (requested === undefined || wantsSomethingElse(req.headers)) return false;
    const { pathname, query } = requested;
    // Any query but the few a document answers to (made canonical, unknown values dropped) is ignored.
    const target = query && this.site.documentQuery ? pathname + this.site.documentQuery(pathname, query) : pathname;
    // A document kept for this path is still what the path answers: any change that could make
    // it something else (gone, moved, past the last page) touches one of its keys and drops it.
    const kept = this.stored.get(`200 ${target}`);
    if (kept) return this.hit(`200 ${target}`, kept, req, res);
    const answer = this.site.classify(pathname);
    switch (answer.kind) {
      case 'next':
        return false;
      case 'redirect':
        res.writeHead(308, redirectHeaders(answer.location));
        res.end();
        return true;
      case 'not-found':
        return this.respondWith(NOT_FOUND_PROBE, { status: 404, cacheControl: NOT_FOUND_CACHE_CONTROL }, req, res, 404);
      case 'gone':
        // Like a 404, a 410 must not outlive the withdrawal (a withheld wire story may come back).
        return this.respondWith(pathname, { status: 410, cacheControl: NOT_FOUND_CACHE_CONTROL }, req, res);
      case 'document':
        return this.respondWith(target, { status: 200 }, req, res, 200, pathname);
    }
  }

  /**
   * A content change: drops the stored documents that carry any of `keys` (all of them for
   * SITE_KEY), and keeps renders already in flight for them from being stored.
   */
  invalidate(keys: string[]): void {
    const changed = new Set(keys);
    this.recentChanges.push({ generation: ++this.generation, keys: changed });
    if (this.recentChanges.length > RECENT_CHANGES) this.recentChanges.shift();
    this.retryAt.clear();
    for (const [loadKey, { keys: shown }] of this.loading) if (touches(changed, shown)) this.loading.delete(loadKey);
    if (changed.has(SITE_KEY)) {
      this.stored.clear();
      this.byKey.clear();
      this.storedBytes = 0;
      return;
    }
    for (const key of changed) for (const documentKey of this.byKey.get(key) ?? []) this.drop(documentKey);
  }

  /** How many documents and body bytes are in memory (for tests and the benchmark). */
  size(): { documents: number; bytes: number } {
    return { documents: this.stored.size, bytes: this.storedBytes };
  }

  /** `pathname`: the document's path, whose keys it carries (`target` may add its query). */
  private respondWith(target: string, as: StoreAs, req: IncomingMessage, res: ServerResponse, expectedStatus = 200, pathname = target): boolean | Promise<boolean> {
    const key = `${as.status} ${target}`;
    const document = this.stored.get(key);
    if (document) return this.hit(key, document, req, res);
    return this.load(key, target, pathname, as, expectedStatus).then((loaded) => (loaded ? this.respond(key, loaded, req, res) : false));
  }

  private hit(key: string, document: StoredDocument, req: IncomingMessage, res: ServerResponse): true {
    // Most recently used last.
    this.stored.delete(key);
    this.stored.set(key, document);
    return this.respond(key, document, req, res, HIT);
  }

  /** `cache` says whether the document was already in memory (HIT) or has just been rendered (MISS). */
  private respond(key: string, document: StoredDocument, req: IncomingMessage, res: ServerResponse, cache = MISS): true {
    const representation = document.representations[codingFor(req.headers['accept-encoding'])];
    if (document.status === 200 && matchesIfNoneMatch(req.headers['if-none-match'], document.etags)) {
      res.writeHead(304, [...representation.notModifiedHeaders, 'X-Cache', cache]);
      res.end();
      return true;
    }
    if (!representation.body) {
      const { identity, gzip, br } = document.representations;
      const plain = identity.body ?? brotliDecompressSync(br.body!);
      representation.body = representation === gzip ? gzipSync(plain, { level: LEVELS.gzip }) : plain;
      representation.headers = withLength(representation.headers, representation.body);
      document.bytes += representation.body.length;
      if (this.stored.get(key) === document) {
        this.storedBytes += representation.body.length;
        this.keepWithinBudget(key);
      }
    }
    res.writeHead(document.status, [...representation.headers, 'X-Cache', cache]);
    res.end(req.method === 'HEAD' ? undefined : representation.body);
    return true;
  }

  private load(key: string, target: string, pathname: string, as: StoreAs, expectedStatus: number): Promise<StoredDocument | undefined> {
    const pending = this.loading.get(key);
    if (pending) return pending.promise;
    if ((this.retryAt.get(key) ?? 0) > this.clock()) return Promise.resolve(undefined);
    const since = this.generation;
    const keys = this.site.keys(pathname) ?? [SITE_KEY];
    // Filed under the keys of what it shows once rendered: a render may read what the keys
    // depend on (a related box's picks, a listing's page from a shared store).
    let shown: string[] | undefined = keys;
    const promise = this.capture(target, CAPTURE_HEADERS)
      .then((captured) => storeDocument(captured, (shown = this.site.keys(pathname)) ?? keys, as, expectedStatus, this.policyOf))
      .catch(() => undefined)
      .then((document) => {
        if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
        // A change to what it shows during the render makes this copy stale, and one whose keys are
        // not known cannot be dropped when it goes stale: serve it once, keep nothing.
        if (document && shown && !this.changedSince(since, [...new Set([...keys, ...shown])])) {
          this.remember(key, document);
          this.retryAt.delete(key);
        } else if (!document) {
          if (this.retryAt.size >= 10_000) this.retryAt.clear();
          this.retryAt.set(key, this.clock() + RETRY_AFTER_MS);
        }
        return document;
      });
    this.loading.set(key, { keys, promise });
    return promise;
  }

  /** Whether a change after `generation` touched any of `keys` (or is too old to tell). */
  private changedSince(generation: number, keys: string[]): boolean {
    if (generation === this.generation) return false;
    const oldest = this.recentChanges[0]?.generation ?? Infinity;
    if (oldest > generation + 1) return true;
    return this.recentChanges.some((change) => change.generation > generation && touches(change.keys, keys));
  }

  private remember(key: string, document: StoredDocument): void {
    this.drop(key);
    this.stored.set(key, document);
    this.storedBytes += document.bytes;
    for (const dependency of document.keys) {
      let documents = this.byKey.get(dependency);
      if (!documents) this.byKey.set(dependency, (documents = new Set()));
      documents.add(key);
    }
    this.keepWithinBudget(key);
  }

  /** Drops the least recently used documents until the stored bytes fit the budget; `key` stays. */
  private keepWithinBudget(key: string): void {
    for (const oldest of this.stored.keys()) {
      if (this.storedBytes <= this.maxBytes || oldest === key) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const document = this.stored.get(key);
    if (!document) return;
    this.stored.delete(key);
    this.storedBytes -= document.bytes;
    for (const dependency of document.keys) {
      const documents = this.byKey.get(dependency);
      documents?.delete(key);
      if (documents?.size === 0) this.byKey.delete(dependency);
    }
  }
}

function touches(changed: Set<string>, keys: string[]): boolean {
  return changed.has(SITE_KEY) || keys.some((key) => changed.has(key));
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

