import dns from 'node:dns';
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { isHttpUrl } from './formats';
import type { NinjsRendition } from './ninjs-model';

/** Limits for fetching a picture: every rendition is untrusted input from the network. */
export interface PictureLimits {
  /** Whole request, redirects included. */
  timeoutMs: number;
  /** Largest file accepted, checked on Content-Length and on the bytes as they arrive. */
  maxBytes: number;
  /** Allow hosts that resolve to loopback, private or link-local addresses (tests; a feed on the LAN). */
  allowPrivateNetwork: boolean;
}

export const DEFAULT_PICTURE_LIMITS: PictureLimits = {
  timeoutMs: 15_000,
  maxBytes: 25 * 1024 * 1024,
  allowPrivateNetwork: false,
};

/** The limits for this deployment: pictures on a private network only when WIRE_PICTURES_ALLOW_PRIVATE=1. */
export function pictureLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): PictureLimits {
  return { ...DEFAULT_PICTURE_LIMITS, allowPrivateNetwork: env.WIRE_PICTURES_ALLOW_PRIVATE === '1' };
}

/** Widest picture stored: the site makes every smaller size it needs from it. */
const MAX_PICTURE_WIDTH = 2400;
const MAX_REDIRECTS = 3;
/** Formats sharp decodes that agencies send. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif']);
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif']);

export class PictureError extends Error {}

/** Where a rendition is read from: the CLI knows the JSON's folder, the push endpoint does not. */
interface PictureContext {
  /** Folder of the JSON file, for `file:` hrefs; undefined for pushed documents. */
  baseDir?: string;
  limits: PictureLimits;
}

/** Reads a rendition's bytes; replaceable in tests of documents whose hrefs point at the internet. */
export type PictureLoader = (href: string, context: PictureContext) => Promise<Buffer>;

function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80') || v6.startsWith('ff');
}

/** DNS lookup that refuses private addresses, so a pushed document cannot make us fetch from inside the network. */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      const refused = !allowPrivate && list.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(new PictureError(`${hostname} resolves to the private address ${refused.address}`), '', 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e instanceof PictureError) return e.message;
  if (e.code === 'ECONNREFUSED') return 'refused the connection (unreachable)';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'has a host name that does not resolve (unreachable)';
  if (e.code === 'ECONNRESET') return 'closed the connection';
  return `could not be fetched (${e.code ?? e.message})`;
}

function fetchOnce(url: URL, context: PictureContext, deadline: number): Promise<{ redirect?: string; bytes?: Buffer }> {
  const { limits } = context;
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !limits.allowPrivateNetwork && isPrivateAddress(host)) {
      reject(new PictureError(`${host} is a private address`));
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, {
      headers: { accept: 'image/jpeg,image/png,image/webp,image/*;q=0.8', 'user-agent': 'NewsBite wire importer' },
      lookup: guardedLookup(limits.allowPrivateNetwork),
    });
    const timer = setTimeout(() => request.destroy(new PictureError(`did not answer within ${limits.timeoutMs / 1000} s`)), Math.max(0, deadline - Date.now()));
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof PictureError ? error : new PictureError(describe(error)));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        clearTimeout(timer);
        resolve({ redirect: new URL(response.headers.location, url).toString() });
        return;
      }
      if (status !== 200) {
        response.resume();
        fail(new PictureError(`answered ${status} ${response.statusMessage ?? ''}`.trim()));
        return;
      }
      const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!IMAGE_TYPES.has(type)) {
        response.resume();
        fail(new PictureError(`is ${type ? `"${type}"` : 'of no stated type'}, not an image`));
        return;
      }
      const length = Number(response.headers['content-length']);
      if (length > limits.maxBytes) {
        response.resume();
        fail(new PictureError(`is ${length} bytes, over the ${limits.maxBytes}-byte limit`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) request.destroy(new PictureError(`is over the ${limits.maxBytes}-byte limit`));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        if (!response.complete) fail(new PictureError('ended before the whole picture arrived'));
        else resolve({ bytes: Buffer.concat(chunks) });
      });
    });
  });
}

async function fetchPicture(href: string, context: PictureContext): Promise<Buffer> {
  const deadline = Date.now() + context.limits.timeoutMs;
  let url = href;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isHttpUrl(url)) throw new PictureError(`redirects to ${url}, which is not an http(s) URL`);
    const result = await fetchOnce(new URL(url), context, deadline);
    if (result.bytes) return result.bytes;
    url = result.redirect!;
  }
  throw new PictureError(`redirects more than ${MAX_REDIRECTS} times`);
}

/** A `file:` href, relative to the JSON's folder (`file:photo.jpg`), never outside it. */
async function readBesideJson(href: string, context: PictureContext): Promise<Buffer> {
  if (!context.baseDir) throw new PictureError('is a file: href, which only works for files imported from a folder (the CLI), not for pushed documents');
  const relative = decodeURIComponent(href.slice('file:'.length));
  if (relative.startsWith('/') || relative.includes('\\')) throw new PictureError('must name a file beside the JSON, e.g. file:photo.jpg');
  const base = await fs.realpath(context.baseDir);
  let absolute: string;
  try {
    absolute = await fs.realpath(path.resolve(base, relative));
  } catch {
    throw new PictureError(`names ${relative}, which is not beside the JSON`);
  }
  if (path.relative(base, absolute).startsWith('..')) throw new PictureError(`names ${relative}, which is outside the JSON's folder`);
  const stat = await fs.stat(absolute);
  if (!stat.isFile()) throw new PictureError(`names ${relative}, which is not a file`);
  if (stat.size > context.limits.maxBytes) throw new PictureError(`is ${stat.size} bytes, over the ${context.limits.maxBytes}-byte limit`);
  return fs.readFile(absolute);
}

/** Reads a rendition: http(s) with the limits, or a file beside the JSON. */
export const loadRendition: PictureLoader = (href, context) => {
  if (/^file:/i.test(href)) return readBesideJson(href, context);
  if (isHttpUrl(href)) return fetchPicture(href, context);
  throw new PictureError(`${href.split(':')[0]}: URLs are not fetched: use http(s) or a file beside the JSON`);
};

/** A picture ready for the photos folder: re-encoded, so nothing from the provider's file survives but pixels. */
export interface ProcessedPicture {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Checks the bytes are an image, then resizes it for the web (at most 2400 px wide) as a JPEG without metadata. */
export async function processPicture(input: Buffer): Promise<ProcessedPicture> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: 120_000_000 }).metadata()).format;
  } catch {
    throw new PictureError('is not an image (it could not be decoded)');
  }
  if (!format || !IMAGE_FORMATS.has(format)) throw new PictureError(`is not a picture format we publish (${format ?? 'unknown'})`);
  try {
    const { data, info } = await sharp(input, { limitInputPixels: 120_000_000 })
      .rotate()
      .resize({ width: MAX_PICTURE_WIDTH, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch (error) {
    throw new PictureError(`could not be converted: ${(error as Error).message}`);
  }
}

function isImageRendition(rendition: NinjsRendition): boolean {
  if (!rendition.href) return false;
  if (rendition.contentType) return IMAGE_TYPES.has(rendition.contentType.toLowerCase());
  return /\.(jpe?g|png|webp|avif|gif|tiff?)(\?|#|$)/i.test(rendition.href);
}

/**
 * Renditions worth trying, best first: the smallest at least 2400 px wide, then the others
 * largest first; watermarked previews last; any whose stated size is over the limit left out.
 */
export function rankRenditions(renditions: NinjsRendition[], limits: PictureLimits): NinjsRendition[] {
  const usable = renditions.filter((r) => isImageRendition(r) && !(r.sizeInBytes && r.sizeInBytes > limits.maxBytes));
  const watermarked = (r: NinjsRendition) => /watermark/i.test(`${r.name} ${r.title ?? ''} ${r.href}`);
  const score = (r: NinjsRendition) => {
    const width = r.width ?? 0;
    return width >= MAX_PICTURE_WIDTH ? 1e9 - width : width;
  };
  return [...usable].sort((a, b) => Number(watermarked(a)) - Number(watermarked(b)) || score(b) - score(a));
}
