/**
 * Caching and indexing headers, set in next.config.ts so every server (`next start` or the
 * production server) sends the same. Next keeps a Cache-Control the config set instead of its
 * own `s-maxage=31536000`, which would let a CDN serve a page for a year after a deploy.
 */
interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

/**
 * Pages, feeds and sitemaps: browsers revalidate every time (cheap: an ETag answers 304), a CDN
 * keeps a copy for five minutes and may serve it stale for a day while it refetches.
 */
export const DOCUMENT_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=86400';

/**
 * What Next sends with its own prerendered 404 page, for every 404 and 410: "not found" must not
 * outlive the moment a story is published (or a withheld one returns).
 */
export const NOT_FOUND_CACHE_CONTROL = 'private, no-cache, no-store, max-age=0, must-revalidate';

/** Previews of drafts and embargoed stories: for the editor's browser only, never a shared cache. */
export const PREVIEW_CACHE_CONTROL = 'private, no-store';

/**
 * Search results follow the live content within seconds, and each query is its own URL: no
 * shared cache keeps them, and a browser asks again each time (it may still go back to them).
 */
export const SEARCH_CACHE_CONTROL = 'private, no-cache';

/**
 * A live blog's updates.json, which open pages poll every 10 s: browsers ask again each time
 * (answered 304 while nothing changed), a CDN may answer for a few seconds and keep answering
 * while it refetches, so an entry reaches a reader within a poll and those seconds.
 */
export const LIVE_UPDATES_CACHE_CONTROL = 'public, max-age=0, s-maxage=5, stale-while-revalidate=5';

/** Hero crops: named after a photo file that never changes in place (see README). */
export const CROP_CACHE_CONTROL = 'public, max-age=2592000';

export function seoHeaderRules({ indexable }: { indexable: boolean }): HeaderRule[] {
  return [
    // Everything but Next's own hashed assets, the photo files and the API, which set their own.
    { source: '/:path((?!_next/|photos/|crops/|api/).*)', headers: [{ key: 'Cache-Control', value: DOCUMENT_CACHE_CONTROL }] },
    { source: '/crops/:path*', headers: [{ key: 'Cache-Control', value: CROP_CACHE_CONTROL }] },
    // After the document rule, so that it wins: open live blog pages poll it.
    { source: '/:section/:slug/updates.json', headers: [{ key: 'Cache-Control', value: LIVE_UPDATES_CACHE_CONTROL }] },
    // The header as well as the page's robots meta tag, which Next may stream after the <head>.
    {
      source: '/search',
      headers: [
        { key: 'Cache-Control', value: SEARCH_CACHE_CONTROL },
        { key: 'X-Robots-Tag', value: 'noindex, follow' },
      ],
    },
    // Covers what a meta tag cannot: feeds, sitemaps and images of a staging deployment.
    ...(indexable ? [] : [{ source: '/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex' }] }]),
  ];
}
