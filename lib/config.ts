/**
 * Site-wide settings. The public origin comes from the environment because canonical URLs,
 * og:url and og:image must be absolute and point at the real domain, not at the build host.
 */
function readOrigin(): URL {
  const raw = process.env.SITE_URL ?? 'http://localhost:3000';
  const origin = new URL(raw);
  if (origin.pathname !== '/' || origin.search || origin.hash) {
    throw new Error(`SITE_URL must be an origin such as https://news.example.com, got "${raw}"`);
  }
  return origin;
}

export const siteConfig = {
  name: 'NewsBite',
  tagline: 'Independent news, briefly and well told',
  description:
    'NewsBite reports world news, business, technology, science and culture with original reporting, photography and analysis.',
  locale: 'en_GB',
  language: 'en',
  origin: readOrigin(),
  twitterSite: process.env.TWITTER_SITE ?? '@NewsBite',
  /** Outside production the whole site asks robots not to index it. */
  indexable: (process.env.SITE_INDEXABLE ?? (process.env.NODE_ENV === 'production' ? 'true' : 'false')) === 'true',
  pageSize: 12,
} as const;

/** BCP 47, as in <html lang>: "en_GB" -> "en-GB". */
export const languageTag = siteConfig.locale.replace('_', '-');

/** An absolute URL on our own origin for a site path such as "/world/dmz". */
export function absoluteUrl(path: string): string {
  return new URL(path, siteConfig.origin).toString();
}
