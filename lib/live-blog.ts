import type { LiveBlog } from './content/repository';
import type { Article, LiveEntry } from './content/types';
import { formatDateTime, latest } from './dates';
import { markdownToPlainText } from './search/plain-text';

/** Entries per archive page of a live blog; the blog's own page holds between this and twice this. */
export const LIVE_PAGE_SIZE = 20;

/** The permalink of an entry: a page of its own, with its own card. */
export const entryPath = (article: Pick<Article, 'path'>, id: string) => `${article.path}/updates/${id}`;
/** Where an entry sits on the blog's own page (the anchor its permalink links back to). */
export const entryAnchor = (id: string) => `update-${id}`;
/** The Atom feed of a blog's entries. */
export const entriesFeedPath = (article: Pick<Article, 'path'>) => `${article.path}/updates.xml`;
/** What open pages poll: one URL for every reader, so the fast path and a CDN serve it. */
export const entriesJsonPath = (article: Pick<Article, 'path'>) => `${article.path}/updates.json`;
/** An archive page of older entries, numbered from the start of the coverage. */
export const blogArchivePath = (article: Pick<Article, 'path'>, page: number) => `${article.path}/page/${page}`;

/** Digits with no leading zero: "01" would be a second URL of page 1. */
const PAGE_NUMBER = /^[1-9]\d*$/;

/**
 * How a blog's entries split into pages whose URLs stay stable as entries arrive: archive pages
 * are counted from the oldest entry, LIVE_PAGE_SIZE each, and are full; the blog's own page holds
 * the newest entries, the last full page's worth and those after it. A new entry only ever
 * changes the blog's own page, until it fills a page, which then becomes the next archive page.
 */
export interface BlogPages {
  /** Entries on the blog's own page, newest first. */
  current: LiveEntry[];
  /** How many archive pages there are (page 1 the oldest). */
  archivePages: number;
  /** An archive page's entries, newest first, or undefined when there is no such page. */
  archivePage(page: number): LiveEntry[] | undefined;
  /** The archive page an entry is on; 0 for the blog's own page, undefined when not shown. */
  pageOf(id: string): number | undefined;
}

export function blogPages(blog: Pick<LiveBlog, 'entries'>, pageSize = LIVE_PAGE_SIZE): BlogPages {
  const total = blog.entries.length;
  const archivePages = Math.max(0, Math.floor(total / pageSize) - 1);
  // Newest first: the oldest entry is last, so archive page k ends (from the end) at k * pageSize.
  const slice = (page: number) => blog.entries.slice(total - page * pageSize, total - (page - 1) * pageSize);
  const positions = new Map(blog.entries.map((entry, i) => [entry.id, total - 1 - i]));
  return {
    current: blog.entries.slice(0, total - archivePages * pageSize),
    archivePages,
    archivePage: (page) => (Number.isInteger(page) && page >= 1 && page <= archivePages ? slice(page) : undefined),
    pageOf: (id) => {
      const position = positions.get(id);
      if (position === undefined) return undefined;
      const page = Math.floor(position / pageSize) + 1;
      return page <= archivePages ? page : 0;
    },
  };
}

/** The archive page number of a `/page/N` URL of a blog, or undefined for one that must be a 404. */
export function blogPageNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && PAGE_NUMBER.test(raw) ? Number(raw) : undefined;
}

/** An entry's shown authors: its own, or the story's. */
export const entryAuthors = (entry: LiveEntry, article: Article) => (entry.authors.length ? entry.authors : article.authors);

/** Where an entry is read in the blog: its anchor on the blog's page or on the archive page that holds it. */
export function entryLocation(article: Pick<Article, 'path'>, pages: Pick<BlogPages, 'pageOf'>, id: string): string | undefined {
  const page = pages.pageOf(id);
  if (page === undefined) return undefined;
  return `${page === 0 ? article.path : blogArchivePath(article, page)}#${entryAnchor(id)}`;
}

/** The query parameter of "Show new updates": the id of the newest entry the reader had. */
export const SINCE_PARAM = 'since';

/** The entries of the blog's own page a "Show new updates" reload marks as new. */
export interface FreshSince {
  /** The one `since` value that means this marking (an entry older than the page stands for them all). */
  since: string;
  /** How many entries at the top of the page are new. */
  count: number;
}

/**
 * What `?since=<id>` marks on the blog's own page: the entries newer than that one (none for the
 * newest). Undefined when the id is not a shown entry, so such a URL shows the plain page. There
 * are at most as many markings as the page has entries, so the fast path can keep each.
 */
export function freshSince(blog: Pick<LiveBlog, 'entries'>, pages: Pick<BlogPages, 'current'>, since: string | undefined): FreshSince | undefined {
  if (!since) return undefined;
  const index = blog.entries.findIndex((entry) => entry.id === since);
  if (index < 0) return undefined;
  const { current } = pages;
  // The reader's newest entry has since moved to an archive page: everything here is new.
  if (index >= current.length) return { since: blog.entries[current.length].id, count: current.length };
  return { since, count: index };
}

/** Where "Show new updates" lands: the count of new entries, just above the first of them. */
export const NEW_UPDATES_ANCHOR = 'new-updates';

/** The "Show new updates" URL of a blog whose newest shown entry is `newest`. */
export const showNewUpdatesPath = (article: Pick<Article, 'path'>, newest: string) => `${article.path}?${SINCE_PARAM}=${encodeURIComponent(newest)}#${NEW_UPDATES_ANCHOR}`;

/** An entry's name where it stands alone (permalink title, card, feed, JSON-LD): its title, or the blog's headline and its time. */
export const entryHeadline = (entry: LiveEntry, article: Pick<Article, 'headline'>) => entry.title ?? `${article.headline}: update at ${formatDateTime(entry.posted)}`;

/** An entry's body as plain text (scripts and markup dropped): what descriptions and structured data quote. */
export const entryText = (entry: LiveEntry) => markdownToPlainText(entry.body);

/** When an entry last changed: its latest correction, or when it was posted. */
export const entryModified = (entry: LiveEntry) => latest([entry.posted, ...entry.corrections.map((c) => c.date)])!;
