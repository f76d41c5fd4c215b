import type { Metadata } from 'next';
import { siteConfig } from '../config';

/** What every page tells crawlers and feed readers about itself: robots rules and feeds. */

export type FeedFormat = 'rss' | 'atom';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
};

/** "/" -> "/feed.xml", "/world" -> "/world/feed.xml" (and atom.xml). */
export function feedPath(listingPath: string, format: FeedFormat): string {
  return `${listingPath === '/' ? '' : listingPath}/${format === 'rss' ? 'feed' : 'atom'}.xml`;
}

export interface FeedSection {
  /** The section front's path, e.g. "/world". */
  path: string;
  name: string;
}

/**
 * `alternates.types` for <link rel="alternate">: the site's feeds on every page, plus the
 * section's own on its front and its articles.
 */
export function feedAlternates(section?: FeedSection): NonNullable<Metadata['alternates']>['types'] {
  const channels = [{ path: '/', title: siteConfig.name }, ...(section ? [{ path: section.path, title: `${section.name} | ${siteConfig.name}` }] : [])];
  return Object.fromEntries(
    (Object.keys(FEED_CONTENT_TYPES) as FeedFormat[]).map((format) => [
      FEED_CONTENT_TYPES[format],
      channels.map(({ path, title }) => ({ url: feedPath(path, format), title: `${title} (${format === 'rss' ? 'RSS' : 'Atom'})` })),
    ]),
  );
}

/**
 * Large image previews (Google Discover) everywhere; a deployment that is not indexable asks
 * for noindex on every page. A syndicated copy may ask Google News alone to skip it.
 */
export function robotsMetadata(indexable: boolean, noindexNews = false): Pick<Metadata, 'robots' | 'other'> {
  return {
    robots: { index: indexable, follow: indexable, 'max-image-preview': 'large' },
    ...(noindexNews && { other: { 'googlebot-news': 'noindex' } }),
  };
}
