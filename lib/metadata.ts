import type { Metadata } from 'next';
import type { Listing } from './listings';
import { pagePath } from './pagination';

export interface PageMetadataInput {
  title: string;
  description: string;
  /** Site path of the page, e.g. "/world/dmz-defection". */
  path: string;
}

/**
 * Metadata every page needs. Next merges metadata shallowly, so each page builds the whole
 * `alternates` object here instead of relying on the layout's.
 */
export function pageMetadata({ title, description, path }: PageMetadataInput): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path },
  };
}

export function listingMetadata(listing: Listing | undefined, page: number): Metadata {
  if (!listing) return {};
  return pageMetadata({
    title: page > 1 ? `${listing.title} (page ${page})` : listing.title,
    description: listing.description,
    path: pagePath(listing.basePath, page),
  });
}
