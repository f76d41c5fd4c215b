import type { ContentRepository } from './content/repository';
import { heldListing, readListing, RECENT_CORRECTIONS, type ListingKind } from './listings';
import { archivePageNumber } from './pagination';
import { blogPageNumber, blogPages, freshSince, SINCE_PARAM } from './live-blog';
import { lowerCasePath } from './paths';
import { isCropRatio } from './seo/crops';
import { listOf, PUBLISHED_LIST } from './content/content-index';
import { siteConfig } from './config';
import { ARTICLES_PER_SITEMAP, articleSitemapPartOf } from './seo/sitemaps';

/**
 * What the site answers at a path, decided from the live content alone, so the production
 * server can answer unknown URLs, old URLs and withdrawn stories from memory and knows which
 * documents are content (cached per content version). It mirrors the routes in app/;
 * __tests__/lib/site-paths.test.ts fails when a route is added there and not here.
 */
export type PathAnswer =
  /** A document the content decides (page, feed, sitemap, card, crop): the same for every reader of a version. */
  | { kind: 'document' }
  /** A withdrawn story: its notice, with 410 Gone. */
  | { kind: 'gone' }
  /** An old URL of a story (front matter `aliases`): 308 to its current one. */
  | { kind: 'redirect'; location: string }
  /** Nothing here in this version. */
  | { kind: 'not-found' }
  /** Not content: Next answers (assets, API, search, files, redirects for case and slashes). */
  | { kind: 'next' };

/** Documents at fixed paths whose bytes follow the content. */
const CONTENT_FILES = new Set(['/', '/corrections', '/feed.xml', '/atom.xml', '/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/news.xml']);
/** Path prefixes that are never content. */
const NEXT_PREFIXES = ['/_next/', '/api/', '/photos/'];
/** Fixed paths Next answers whatever the content (files and routes that do not read it). */
const NEXT_FILES = new Set(['/search', '/opensearch.xml', '/robots.txt', '/favicon.ico', '/icon.svg', '/apple-icon.png', '/opengraph-image', '/logo.png', '/logo.svg']);

const DOCUMENT: PathAnswer = { kind: 'document' };
const NOT_FOUND: PathAnswer = { kind: 'not-found' };
const NEXT: PathAnswer = { kind: 'next' };
const found = (exists: unknown): PathAnswer => (exists ? DOCUMENT : NOT_FOUND);

/** Photo positions as URLs write them: digits, no leading zero ("01" would be a second URL). */
const PAGE_NUMBER = /^[1-9]\d*$/;

/** A listing's first page, or a later one at /page/N (the page itself answers 404 where only the store knows). */
function listingPage(content: ContentRepository, kind: ListingKind, key: string, page?: string): PathAnswer {
  const number = page === undefined ? 1 : archivePageNumber(page);
  const held = number && heldListing(kind, key, number, content);
  return held === 'unknown' ? DOCUMENT : found(held);
}

function articlePath(content: ContentRepository, section: string, slug: string, rest: string[]): PathAnswer {
  const path = `/${section}/${slug}`;
  const article = content.article(section, slug);
  if (!article) {
    if (rest.length) return NOT_FOUND;
    if (content.withdrawn(path)) return { kind: 'gone' };
    const target = content.aliasTarget(path);
    return target ? { kind: 'redirect', location: target } : NOT_FOUND;
  }
  if (!rest.length) return DOCUMENT;
  const blog = content.liveBlog(article);
  if (blog) {
    const [kind, name, card] = rest;
    if (rest.length === 1 && (kind === 'updates.xml' || kind === 'updates.json')) return DOCUMENT;
    if (kind === 'page' && rest.length === 2) return found(blogPages(blog).archivePage(blogPageNumber(name) ?? 0));
    if (kind === 'updates' && (rest.length === 2 || (rest.length === 3 && card === 'opengraph-image'))) {
      if (blog.entries.some((entry) => entry.id === name)) return DOCUMENT;
      // A deleted entry's permalink is gone (its card is simply not there).
      return rest.length === 2 && blog.deleted.some((entry) => entry.id === name) ? { kind: 'gone' } : NOT_FOUND;
    }
  }
  if (rest.length === 1) return found(rest[0] === 'opengraph-image');
  const [photos, position, card] = rest;
  const photo = photos === 'photos' && PAGE_NUMBER.test(position) && article.gallery[Number(position) - 1];
  if (!photo || rest.length > 3) return NOT_FOUND;
  return found(rest.length === 2 || card === 'opengraph-image');
}

/**
 * Whether a path answers before a start that reads a large store in parts has read every story
 * (decision 45): what shows only the newest stories (the home page, section fronts, their feeds,
 * the pages of a story already read, a crop of its hero) and what reads no content (assets,
 * photos, the API but previews). Where the store keeps the lists (decision 47), so do the pages
 * read from them: listing pages and the corrections page (readStoredLists), the sitemaps, and
 * search (which runs in the store and reads its hits by slug). Anything else waits, and a story
 * or crop not read yet is read on its own first (storyUrlOf, cropFileOf).
 */
export function answersWithoutRest(content: ContentRepository, rawPath: string): boolean {
  if (rawPath.startsWith('/api/preview')) return false;
  if (rawPath === '/search') return content.listsStored;
  if (NEXT_FILES.has(rawPath) || NEXT_PREFIXES.some((prefix) => rawPath.startsWith(prefix))) return true;
  if (rawPath === '/' || rawPath === '/feed.xml' || rawPath === '/atom.xml') return true;
  if (content.listsStored && (rawPath === '/sitemap.xml' || rawPath.startsWith('/sitemaps/'))) return true;
  const crop = cropFileOf(rawPath);
  if (crop) return content.heroOfCrop(crop) !== undefined;
  const [, first, second, ...rest] = rawPath.split('/');
  if (content.section(first) === undefined) return false;
  if (second === undefined || (!rest.length && (second === 'feed.xml' || second === 'atom.xml'))) return true;
  // A story already read (a new one among them) answers for itself: its own URL wins over any old URL.
  return content.preview(first, second) !== undefined;
}

/** The listing page a path names: a section, topic or author page, or a later page of one. */
function listingOfPath(content: ContentRepository, rawPath: string): { kind: ListingKind; key: string; page: number } | undefined {
  let segments: string[];
  try {
    segments = rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [first, ...after] = segments;
  const kind = first === 'tag' || first === 'author' ? first : content.section(first) && 'section';
  // A section is named by the first segment, a topic or author by the second.
  const [key, ...more] = kind === 'section' ? segments : after;
  if (!kind || key === undefined) return undefined;
  if (!more.length) return { kind, key, page: 1 };
  const page = more.length === 2 && more[0] === 'page' ? archivePageNumber(more[1]) : undefined;
  return page ? { kind, key, page } : undefined;
}

/**
 * Where the store keeps the lists (decision 47), what a path shows from them read first (a
 * listing page, the corrections page, the number of articles sitemap parts): the server awaits
 * it before it classifies the path, so that a page past the end is a 404 like any other, and the
 * page renders from what is read already (the same bytes as from a folder: a page still reading
 * when its head is sent comes out in another order). Undefined for any other path.
 */
export function readStoredLists(content: ContentRepository, rawPath: string, query = ''): Promise<unknown> | undefined {
  if (!content.listsStored) return undefined;
  if (rawPath === '/search') {
    // A search filtered by a topic no story held here has: its list names it (readSearchForm checks it).
    const topic = new URLSearchParams(query).get('tag');
    return topic && !content.tag(topic) ? content.listPage(listOf('tag', topic), 1, siteConfig.pageSize) : undefined;
  }
  if (rawPath === '/corrections') return content.recentCorrections(RECENT_CORRECTIONS);
  // How many parts the articles sitemap has (a route handler's XML has no head to stream ahead: only the count is read first).
  if (articleSitemapPartOf(rawPath)) return content.changedLastPerRun(PUBLISHED_LIST, ARTICLES_PER_SITEMAP);
  const listing = listingOfPath(content, rawPath);
  return listing && readListing(listing.kind, listing.key, listing.page, content);
}

/** Where a path's first segment is not a section (or an old one): no story lives below it. */
const NOT_SECTIONS = new Set(['tag', 'author', 'sitemaps', 'crops', 'api', 'photos', 'search', '_next']);

/**
 * The URL a story answers at that a path is about (`/section/slug`, also for its photo pages and
 * card), or undefined when no story can be: what a start in parts reads on its own (decision 45).
 */
export function storyUrlOf(rawPath: string): string | undefined {
  const [, first, second] = rawPath.split('/');
  if (!first || !second || NOT_SECTIONS.has(first) || ['feed.xml', 'atom.xml', 'opengraph-image', 'page'].includes(second)) return undefined;
  return `/${first}/${second}`;
}

/** The file a crop's URL names (`/crops/<ratio>/<file>`), or undefined: what a start in parts reads on its own. */
export function cropFileOf(rawPath: string): string | undefined {
  const [, first, ratio, file, ...rest] = rawPath.split('/');
  return first === 'crops' && isCropRatio(ratio ?? '') && file && !rest.length ? file : undefined;
}

/**
 * Classifies a request path (as sent: percent-encoded) against a content version. Paths Next
 * would redirect (capital letters, a trailing slash) are Next's.
 */
export function classifyPath(content: ContentRepository, rawPath: string): PathAnswer {
  if (CONTENT_FILES.has(rawPath)) return DOCUMENT;
  if (NEXT_FILES.has(rawPath) || NEXT_PREFIXES.some((prefix) => rawPath.startsWith(prefix))) return NEXT;
  if (lowerCasePath(rawPath) !== rawPath || rawPath.endsWith('/') || rawPath.includes('//')) return NEXT;
  let segments: string[];
  try {
    segments = rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return NEXT; // the request guard answers undecodable paths with 400 before this
  }
  const [first, second, ...rest] = segments;
  switch (first) {
    case 'tag':
    case 'author': {
      const kind = first === 'author' ? 'author' : 'tag';
      if (second === undefined) return NOT_FOUND;
      if (!rest.length) return listingPage(content, kind, second);
      return rest.length === 2 && rest[0] === 'page' ? listingPage(content, kind, second, rest[1]) : NOT_FOUND;
    }
    case 'sitemaps': {
      // The parts of the articles sitemap: /sitemaps/articles.xml, then articles-N.xml while there are stories.
      const part = articleSitemapPartOf(`/${segments.join('/')}`);
      const parts = content.heldRunCount(PUBLISHED_LIST, ARTICLES_PER_SITEMAP);
      return parts === undefined && part ? DOCUMENT : found(part && part <= parts!);
    }
    case 'crops': {
      const [file] = rest;
      if (rest.length !== 1 || !isCropRatio(second ?? '')) return NOT_FOUND;
      return found(content.heroOfCrop(file) !== undefined);
    }
  }
  if (!content.section(first)) {
    // An old URL may name a section that no longer exists.
    return second !== undefined && !rest.length ? articlePath(content, first, second, rest) : NOT_FOUND;
  }
  if (second === undefined) return listingPage(content, 'section', first);
  if (['feed.xml', 'atom.xml', 'opengraph-image'].includes(second)) return found(!rest.length);
  if (second === 'page') return rest.length === 1 ? listingPage(content, 'section', first, rest[0]) : NOT_FOUND;
  return articlePath(content, first, second, rest);
}

/**
 * The query a document at `pathname` answers to, canonical, or "" when it shows the same whatever
 * the query: a live blog's own page with `?since=<entry id>` ("Show new updates" without
 * JavaScript) marks the entries after that one. One canonical value per entry on the page at
 * most (an id older than the page stands for all of them; an unknown one is dropped), so the
 * fast path keeps a bounded number of copies, all dropped with the blog's key on its next change.
 */
export function documentQuery(content: ContentRepository, pathname: string, query: string): string {
  const since = new URLSearchParams(query).get(SINCE_PARAM);
  if (!since) return '';
  const [section, slug, ...rest] = pathname.slice(1).split('/');
  if (slug === undefined || rest.length) return '';
  const article = content.article(section, slug);
  const blog = article && content.liveBlog(article);
  const fresh = blog && freshSince(blog, blogPages(blog), since);
  return fresh ? `?${SINCE_PARAM}=${encodeURIComponent(fresh.since)}` : '';
}
