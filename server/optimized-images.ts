import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesIfNoneMatch } from '../lib/http/caching';
import { CONNECTION_HEADERS, pairs, valueOf, type Capture, type CapturedResponse, type HeaderList } from './captured-response';

/**
 * Next's optimised images (`/_next/image`), kept in memory once Next has encoded them.
 *
 * Next keeps encoded images on disk only when it may also write pages rendered on demand to
 * disk, which this site turns off (docs/architecture/production-server.md). Without a cache,
 * Next encodes the photo again for every request: 250-400 ms of CPU for an AVIF hero on two
 * cores. Memory is bounded by a byte budget; the least recently used image goes first.
 */

interface StoredImage {
  etag: string;
  /** Flat [name, value, ...] as res.writeHead takes it: as Next sent them (X-Nextjs-Cache: MISS)… */
  headersAsSent: string[];
  /** …and for later requests, answered from memory (X-Nextjs-Cache: HIT). */
  headersFromMemory: string[];
  notModifiedHeaders: string[];
  body: Buffer;
}

const IMAGE_ROUTE = '/_next/image?';
/** The only query parameters Next's image route reads, sorted. */
const IMAGE_PARAMETERS = 'q,url,w';
/** Sent with the image but not with a 304, as Next does. */
const BODY_HEADERS = new Set(['content-type', 'content-disposition', 'content-security-policy', 'x-nextjs-cache']);

/** The cache key of a request for an optimised image, or undefined when Next must judge it. */
function imageKey(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '';
  if (!url.startsWith(IMAGE_ROUTE)) return undefined;
  // Next's three parameters, once each: anything else (usually a 400) goes to Next every time.
  const parameters = [...new URLSearchParams(url.slice(IMAGE_ROUTE.length)).keys()].sort().join();
  if (parameters !== IMAGE_PARAMETERS) return undefined;
  // Next chooses AVIF, WebP or the original format from Accept (and answers with Vary: Accept).
  return `${req.headers.accept ?? ''}\n${url}`;
}

/** Next's answer as a stored image, or undefined if it is not a plain 200 image. */
function storeImage(captured: CapturedResponse): StoredImage | undefined {
  const received = pairs(captured.rawHeaders);
  const etag = valueOf(received, 'etag');
  const storable =
    captured.status === 200 &&
    etag !== undefined &&
    valueOf(received, 'content-type')?.startsWith('image/') &&
    valueOf(received, 'set-cookie') === undefined;
  if (!storable) return undefined;
  const kept: HeaderList = [...received.filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())), ['Content-Length', String(captured.body.length)]];
  const fromMemory = kept.map(([name, value]) => [name, name.toLowerCase() === 'x-nextjs-cache' ? 'HIT' : value]);
  return {
    etag,
    headersAsSent: kept.flat(),
    headersFromMemory: fromMemory.flat(),
    notModifiedHeaders: kept.filter(([name]) => !BODY_HEADERS.has(name.toLowerCase()) && name !== 'Content-Length').flat(),
    body: captured.body,
  };
}

export class OptimizedImages {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly stored = new Map<string, StoredImage>();
  private readonly loading = new Map<string, Promise<StoredImage | undefined>>();
  private storedBytes = 0;

  constructor(
    private readonly capture: Capture,
    private readonly budgetBytes = 64 * 1024 * 1024,
  ) {}

  /**
   * Answers the request from memory if it asks for an image Next has encoded. Returns false when
   * Next must answer; a Promise when the image is being fetched from Next first.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    const key = imageKey(req);
    if (key === undefined) return false;
    const image = this.stored.get(key);
    if (image) {
      this.stored.delete(key);
      this.stored.set(key, image);
      return respond(image, image.headersFromMemory, req, res);
    }
    return this.load(key, req).then((loaded) => (loaded ? respond(loaded, loaded.headersAsSent, req, res) : false));
  }

  private load(key: string, req: IncomingMessage): Promise<StoredImage | undefined> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const headers: Record<string, string> = req.headers.accept === undefined ? {} : { accept: req.headers.accept };
    const loading = this.capture(req.url!, headers)
      .then(storeImage)
      .catch(() => undefined)
      .then((image) => {
        this.loading.delete(key);
        if (image && image.body.length <= this.budgetBytes) this.keep(key, image);
        return image;
      });
    this.loading.set(key, loading);
    return loading;
  }

  private keep(key: string, image: StoredImage): void {
    this.stored.set(key, image);
    this.storedBytes += image.body.length;
    for (const [oldestKey, oldest] of this.stored) {
      if (this.storedBytes <= this.budgetBytes) break;
      this.stored.delete(oldestKey);
      this.storedBytes -= oldest.body.length;
    }
  }
}

function respond(image: StoredImage, headers: string[], req: IncomingMessage, res: ServerResponse): true {
  if (matchesIfNoneMatch(req.headers['if-none-match'], [image.etag])) {
    res.writeHead(304, image.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : image.body);
  }
  return true;
}
