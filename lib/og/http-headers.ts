/**
 * Cache-Control for the share cards. Next serves a prerendered card with `s-maxage` only, so
 * browsers and unfurlers would revalidate every time. Pages link each card with a `?v=` hash of
 * what it shows (lib/og/card-image.ts), so a changed card is a new URL and any copy may be kept
 * for a year.
 */
const cardCacheControl = 'public, max-age=31536000, immutable';

export function cardHeaderRules() {
  const headers = [{ key: 'Cache-Control', value: cardCacheControl }];
  return [
    { source: '/opengraph-image', headers },
    { source: '/:path*/opengraph-image', headers },
  ];
}
