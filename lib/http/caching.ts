/**
 * The small pieces of HTTP caching the production server's in-memory fast path needs:
 * content-coding negotiation, If-None-Match and how long a stored response stays fresh.
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

function qualities(acceptEncoding: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    result.set(coding, Number.isFinite(quality) ? quality : 0);
  }
  return result;
}

/** The best coding the client accepts: brotli over gzip at equal weight, else identity. */
export function preferredEncoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const accepted = qualities(acceptEncoding);
  const weight = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  const [best] = (['br', 'gzip'] as const).filter((c) => weight(c) > 0).sort((a, b) => weight(b) - weight(a));
  return best ?? 'identity';
}

/** RFC 9110 weak comparison: W/"x" and "x" name the same document for If-None-Match. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = new Set(ifNoneMatch.split(',').map(opaque));
  return etags.some((tag) => wanted.has(opaque(tag)));
}

/**
 * How many seconds a shared cache may keep serving a response Next marked fresh: the
 * Cache-Control lifetime Next sent (s-maxage, else max-age) and never beyond the route's
 * revalidate period. 0 means do not store (private, no-store, no-cache or no lifetime).
 */
export function sharedCacheLifetime(cacheControl: string | undefined, revalidate: number | false): number {
  if (!cacheControl) return 0;
  const directives = new Map(
    cacheControl.split(',').map((part) => {
      const [name, value] = part.trim().toLowerCase().split('=');
      return [name, value] as const;
    }),
  );
  if (['private', 'no-store', 'no-cache'].some((name) => directives.has(name))) return 0;
  const lifetime = Number(directives.get('s-maxage') ?? directives.get('max-age'));
  if (!Number.isFinite(lifetime) || lifetime <= 0) return 0;
  return revalidate === false ? lifetime : Math.min(lifetime, revalidate);
}
