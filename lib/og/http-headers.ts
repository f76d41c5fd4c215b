/**
 * Cache-Control for the share cards. Next serves a prerendered card with `s-maxage` only, so
 * browsers and unfurlers would revalidate every time. The card URL's `?hash` changes with the
 * card code but not with the content, so a corrected headline keeps the URL: browsers and
 * unfurlers keep a card for a day, shared caches (purged on deploy) for a year.
 */
export const cardCacheControl = 'public, max-age=86400, s-maxage=31536000, stale-while-revalidate=604800';

export function cardHeaderRules() {
  const headers = [{ key: 'Cache-Control', value: cardCacheControl }];
  return [
    { source: '/opengraph-image', headers },
    { source: '/:path*/opengraph-image', headers },
  ];
}
