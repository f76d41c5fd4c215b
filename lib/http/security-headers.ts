/**
 * Response headers every NewsBite response carries, whichever server sends it (`next dev`,
 * `next start` or the production server). The Content-Security-Policy is not here: it holds
 * hashes of each document's inline scripts, so the production server computes it per document
 * (see content-security-policy.ts).
 */
export interface HeaderPair {
  key: string;
  value: string;
}

/** Powerful browser features the site never uses, switched off for it and anything it embeds. */
const DISABLED_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics'];

/** Two years, subdomains included: the value hstspreload.org asks for. */
const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders({ production }: { production: boolean }): HeaderPair[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // The CSP's frame-ancestors 'none' says the same to browsers that read CSP.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: DISABLED_FEATURES.map((feature) => `${feature}=()`).join(', ') },
    // Browsers ignore HSTS on plain http (localhost), so production builds can always send it;
    // development leaves it out so a developer's browser never pins localhost to https.
    ...(production ? [{ key: 'Strict-Transport-Security', value: HSTS }] : []),
  ];
}
