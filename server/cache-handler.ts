/**
 * Next's shared cache in Redis (next.config.ts sets `cacheHandler` to the compiled copy of this
 * file when REDIS_URL is set, and `images.customCacheHandler`, so the image optimiser's entries
 * go through it too). What goes through it in this design: the optimised images (AVIF/WebP per
 * photo, width and quality), encoded once for the whole cluster instead of once per instance,
 * and any fetch or route-handler data Next caches. Content documents never do: every content
 * route is force-dynamic and the production server keeps them per content version
 * (docs/architecture/scale-out.md).
 *
 * Redis is a cache, not a dependency: every command has a 500 ms timeout, a miss or an error
 * falls back to this process's own memory (bounded, least recently used out), the outage is
 * logged once, and sharing resumes when Redis answers again. Tag revalidations are shared
 * (a hash in Redis read on every get), so a revalidateTag on one instance expires the entry on
 * all of them, not only in the process that ran it (NOTES-next16: Next keeps tag state per
 * process). Entries keep everything Next stored, Cache-Control's lifetime included.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Redis from 'ioredis';
import { redisClient } from '../lib/store/redis';

interface Entry {
  value: unknown;
  lastModified: number;
  tags: string[];
}

const MEMORY_BYTES = Number(process.env.NEXT_CACHE_MEMORY_MB ?? 64) * 1024 * 1024;
const TAGS_KEY = 'newsbite:next:tags';
/** Without a lifetime from Next, an entry stays at most this long in Redis. */
const DEFAULT_TTL_SECONDS = 30 * 24 * 3600;

/** JSON that keeps Buffers and Maps (image bytes, route bodies, RSC segment data). */
export function serialize(entry: Entry): string {
  return JSON.stringify(entry, function (this: Record<string, unknown>, key, value) {
    const original = this[key];
    if (Buffer.isBuffer(original)) return { __newsbite: 'buffer', data: original.toString('base64') };
    if (original instanceof Map) return { __newsbite: 'map', data: [...original.entries()] };
    return value;
  });
}

export function deserialize(text: string): Entry {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && value.__newsbite === 'buffer') return Buffer.from(value.data, 'base64');
    if (value && typeof value === 'object' && value.__newsbite === 'map') return new Map(value.data);
    return value;
  }) as Entry;
}

/** Per process, at module scope: Next constructs a handler for every request. */
const memory = new Map<string, { text: string; entry: Entry }>();
let memoryBytes = 0;
const localTags = new Map<string, number>();
let client: Redis | undefined;
let prefix: string | undefined;
const log = (message: string) => console.log(`cache: ${message}`);

function remember(key: string, text: string, entry: Entry): void {
  const previous = memory.get(key);
  if (previous) memoryBytes -= previous.text.length;
  memory.delete(key);
  memory.set(key, { text, entry });
  memoryBytes += text.length;
  for (const [oldest, old] of memory) {
    if (memoryBytes <= MEMORY_BYTES || oldest === key) break;
    memory.delete(oldest);
    memoryBytes -= old.text.length;
  }
}

function redis(): Redis | undefined {
  const url = process.env.REDIS_URL;
  if (!url) return undefined;
  client ??= redisClient(url, 'next-cache', log);
  return client.status === 'ready' ? client : undefined;
}

function tagsOf(value: unknown, ctx: { tags?: string[] } | undefined): string[] {
  const fromValue = (value as { headers?: Record<string, string> } | null)?.headers?.['x-next-cache-tags'];
  return [...new Set([...(ctx?.tags ?? []), ...(typeof fromValue === 'string' ? fromValue.split(',') : [])])];
}

function stale(entry: Entry, revalidated: (number | undefined)[]): boolean {
  return revalidated.some((at) => at !== undefined && at >= entry.lastModified);
}

export default class RedisCacheHandler {
  constructor(ctx: { serverDistDir?: string }) {
    if (prefix === undefined) {
      let build = 'dev';
      try {
        build = fs.readFileSync(path.join(ctx.serverDistDir ?? '', '..', 'BUILD_ID'), 'utf8').trim();
      } catch {
        // no build id (tests): one namespace
      }
      // Entries of one build never meet another build's (a rolling restart runs two at once).
      prefix = `newsbite:next:${build}:`;
    }
  }

  async get(key: string, ctx?: { tags?: string[]; softTags?: string[] }): Promise<{ value: unknown; lastModified: number } | null> {
    const shared = redis();
    if (shared) {
      try {
        const text = await shared.get(prefix + key);
        if (text !== null) {
          const entry = deserialize(text);
          const tags = [...entry.tags, ...(ctx?.softTags ?? [])];
          const revalidated = tags.length ? (await shared.hmget(TAGS_KEY, ...tags)).map((at) => (at === null ? undefined : Number(at))) : [];
          if (stale(entry, revalidated)) return null;
          remember(key, text, entry);
          return { value: entry.value, lastModified: entry.lastModified };
        }
        return null;
      } catch {
        // fall back to this process's memory
      }
    }
    const local = memory.get(key);
    if (!local) return null;
    if (stale(local.entry, [...local.entry.tags, ...(ctx?.softTags ?? [])].map((tag) => localTags.get(tag)))) return null;
    return { value: local.entry.value, lastModified: local.entry.lastModified };
  }

  async set(key: string, value: unknown, ctx?: { tags?: string[]; cacheControl?: { revalidate?: number | false; expire?: number } }): Promise<void> {
    if (value === null || value === undefined) {
      memory.delete(key);
      await redis()?.del(prefix + key).catch(() => undefined);
      return;
    }
    const entry: Entry = { value, lastModified: Date.now(), tags: tagsOf(value, ctx) };
    const text = serialize(entry);
    remember(key, text, entry);
    const shared = redis();
    if (!shared) return;
    const control = ctx?.cacheControl;
    const lifetime = control?.expire ?? (typeof control?.revalidate === 'number' ? control.revalidate : undefined);
    const ttl = Math.max(1, Math.min(lifetime ?? DEFAULT_TTL_SECONDS, DEFAULT_TTL_SECONDS));
    await shared.set(prefix + key, text, 'EX', ttl).catch(() => undefined);
  }

  async revalidateTag(tags: string | string[]): Promise<void> {
    const list = typeof tags === 'string' ? [tags] : tags;
    if (!list.length) return;
    const now = Date.now();
    for (const tag of list) localTags.set(tag, now);
    const shared = redis();
    if (shared) await shared.hset(TAGS_KEY, Object.fromEntries(list.map((tag) => [tag, String(now)]))).catch(() => undefined);
  }

  resetRequestCache(): void {}
}

/** For tests: forget this process's memory and connection. */
export function resetForTests(): void {
  memory.clear();
  memoryBytes = 0;
  localTags.clear();
  client?.disconnect();
  client = undefined;
  prefix = undefined;
}
