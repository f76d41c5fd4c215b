import { siteConfig } from './config';
import { getContent, type ContentRepository } from './content/repository';
import { listOf, type ListKind } from './content/content-index';
import type { ListPage } from './content/lists';
import type { Article } from './content/types';
import type { Page } from './pagination';
import { tagPath } from './paths';

export type ListingKind = ListKind;

/** A front that lists stories: a section, a topic or an author's work. */
export interface Listing {
  kind: ListingKind;
  /** The section, tag or author slug. */
  key: string;
  title: string;
  description: string;
  basePath: string;
}

/** How many corrections the corrections page lists: the recent record, newest first. */
export const RECENT_CORRECTIONS = 100;

/**
 * What a listing is titled, or undefined when there is none: a section or author that exists,
 * a topic some public story has (named as its newest story names it).
 */
function listingOf(kind: ListingKind, key: string, content: ContentRepository, newest: Article | undefined): Listing | undefined {
  switch (kind) {
    case 'section': {
      const section = content.section(key);
      return section && { kind, key, title: section.name, description: section.description, basePath: `/${key}` };
    }
    case 'tag': {
      const tag = newest?.tags.find((t) => t.slug === key);
      return tag && { kind, key, title: tag.name, description: `News, analysis and photographs about ${tag.name} from ${siteConfig.name}.`, basePath: tagPath(key) };
    }
    case 'author': {
      const author = content.author(key);
      return author && { kind, key, title: author.name, description: `${author.role}. ${author.bio}`, basePath: author.path };
    }
  }
}

/** A page of a list as pagination shows it, or undefined past its last page (an empty list has one, empty). */
function listingPageOf(found: ListPage, page: number, pageSize = siteConfig.pageSize): Page<Article> | undefined {
  const totalPages = Math.max(1, Math.ceil(found.total / pageSize));
  return Number.isInteger(page) && page >= 1 && page <= totalPages ? { items: found.stories, page, totalPages } : undefined;
}

/**
 * A listing and its page `page` (from 1), or undefined for an unknown listing or a page past the
 * end (a 404). The page is read from the store where it keeps the lists (decision 47).
 */
export async function readListing(kind: ListingKind, key: string, page: number, content: ContentRepository = getContent()): Promise<{ listing: Listing; current: Page<Article> } | undefined> {
  if (!Number.isInteger(page) || page < 1 || (kind === 'section' && !content.section(key)) || (kind === 'author' && !content.author(key))) return undefined;
  const list = listOf(kind, key);
  const found = await content.listPage(list, page, siteConfig.pageSize);
  const newest = kind === 'tag' ? (page === 1 ? found : await content.listPage(list, 1, siteConfig.pageSize)).stories[0] : undefined;
  const listing = listingOf(kind, key, content, newest);
  const current = listingPageOf(found, page);
  return listing && current && { listing, current };
}

/**
 * The same from what the content holds without asking the store: the page, undefined when it is
 * not one, or 'unknown' when only the store can tell (it keeps the lists, and this page was not read).
 */
export function heldListing(kind: ListingKind, key: string, page: number, content: ContentRepository): Page<Article> | undefined | 'unknown' {
  if ((kind === 'section' && !content.section(key)) || (kind === 'author' && !content.author(key))) return undefined;
  const found = content.heldListPage(listOf(kind, key), page, siteConfig.pageSize);
  if (!found) return 'unknown';
  // A topic exists while a public story has it.
  return kind === 'tag' && found.total === 0 ? undefined : listingPageOf(found, page);
}
