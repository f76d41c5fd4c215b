import type { PublicChange } from './content/live';
import type { ContentRepository } from './content/repository';
import type { Article } from './content/types';
import { arrangeHome } from './home';
import { listOf, PUBLISHED_LIST } from './content/content-index';
import { heldListing, type ListingKind } from './listings';
import { archivePageNumber } from './pagination';
import { FEED_SIZE } from './seo/feeds';

/**
 * Dependency keys: what a cached document shows, and what a content change touches. The
 * production server files each document it keeps under its keys and, on a change, drops only
 * the documents that carry one of the change's keys, on every instance; it also sends them as
 * `Surrogate-Key` so a CDN can purge the same way (docs/content-flow.md).
 *
 * - `site`: every document (sections and authors show everywhere; purging it purges all)
 * - `story:<slug>`: a story's page, card, photo pages, 410 notice, and every document listing it
 * - `related:<slug>`: the story page whose related box changed
 * - `live:<slug>`: a live blog's pages, entry permalinks, entries feed and update JSON
 * - `home`, `section:<slug>`, `tag:<slug>`, `author:<id>`: which stories a list holds, in what order
 * - `corrections`, `sitemaps`, `photo:<src>` (the crops of a hero photo)
 */
export const SITE_KEY = 'site';

export const storyKey = (slug: string) => `story:${slug}`;
export const listKey = (kind: ListingKind | 'home', key?: string) => (kind === 'home' ? 'home' : listOf(kind, key!));
export const photoKey = (src: string) => `photo:${src}`;
export const liveKey = (slug: string) => `live:${slug}`;
export const CORRECTIONS_KEY = 'corrections';
export const SITEMAPS_KEY = 'sitemaps';

/** A list document: the list itself and every story it shows. */
export function listDocumentKeys(list: string, stories: readonly Article[]): string[] {
  return [SITE_KEY, list, ...stories.map((story) => storyKey(story.slug))];
}

export function homeKeys(content: ContentRepository): string[] {
  const front = arrangeHome(content);
  const shown = front ? [front.lead, ...front.topStories, ...front.bySection.flatMap((group) => group.articles)] : [];
  return listDocumentKeys(listKey('home'), shown);
}

/** A story's page: the story, its authors' names and its related box (which shows other stories). */
export function storyPageKeys(content: ContentRepository, article: Article): string[] {
  return [
    SITE_KEY,
    storyKey(article.slug),
    `related:${article.slug}`,
    ...(article.live ? [liveKey(article.slug)] : []),
    ...content.related(article).map((story) => storyKey(story.article.slug)),
  ];
}

/** A document that shows one story alone (its card, a photo page, its 410 notice). */
export const singleStoryKeys = (slug: string) => [SITE_KEY, storyKey(slug)];

/**
 * A listing page (section, topic, author): the list and the stories on that page, as read from
 * the store where it keeps the lists; undefined when that read is no longer held.
 */
function listingKeys(content: ContentRepository, kind: ListingKind, key: string, page = '1'): string[] | undefined {
  const number = page === '1' ? 1 : archivePageNumber(page);
  const held = number && heldListing(kind, key, number, content);
  if (held === 'unknown') return undefined;
  return listDocumentKeys(listKey(kind, key), held ? held.items : []);
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The keys of the document at a content path (one classifyPath in lib/site-paths.ts calls a
 * document, a 410 notice, or the 404 page) in the live content: what it shows; undefined when
 * that is not known here (a listing page read from the store, let go since: not to be kept).
 */
export function documentKeys(content: ContentRepository, rawPath: string): string[] | undefined {
  if (rawPath === '/') return homeKeys(content);
  const [first, second, ...rest] = rawPath.slice(1).split('/').map(decode);
  if (first === 'corrections') return [SITE_KEY, CORRECTIONS_KEY];
  if (first === 'feed.xml' || first === 'atom.xml') return listDocumentKeys(listKey('home'), content.articles.slice(0, FEED_SIZE));
  if (first === 'sitemap.xml' || first === 'sitemaps') return [SITE_KEY, SITEMAPS_KEY];
  if ((first === 'tag' || first === 'author') && second !== undefined) return listingKeys(content, first, second, rest[1]);
  if (first === 'crops') {
    const hero = content.heroOfCrop(rest[0] ?? '');
    return hero ? [SITE_KEY, photoKey(hero.src)] : [SITE_KEY];
  }
  if (!content.section(first) || second === 'opengraph-image') return [SITE_KEY];
  if (second === undefined) return listingKeys(content, 'section', first);
  if (second === 'page') return listingKeys(content, 'section', first, rest[0]);
  if (second === 'feed.xml' || second === 'atom.xml') return listDocumentKeys(listKey('section', first), content.articlesInSection(first).slice(0, FEED_SIZE));
  const article = content.article(first, second);
  if (article && !rest.length) return storyPageKeys(content, article);
  // The blog's archive pages, entry permalinks and cards, entries feed and update JSON.
  if (article?.live && ['page', 'updates', 'updates.xml', 'updates.json'].includes(rest[0])) return [...singleStoryKeys(second), liveKey(second)];
  return singleStoryKeys(second);
}

/** The lists a public story is in. */
function listsOf(article: Article): string[] {
  return [
    listKey('home'),
    listKey('section', article.section),
    ...article.tags.map((tag) => listKey('tag', tag.slug)),
    ...article.authors.map((id) => listKey('author', id)),
  ];
}

const listPlace = (article: Article) => JSON.stringify([article.publishedTime, article.section, article.tags.map((t) => t.slug), article.authors]);

/** The keys a change touches: only documents that show what changed go stale. */
export function changeKeys(change: PublicChange): string[] {
  if (change.site) return [SITE_KEY];
  const keys = new Set<string>(change.relatedOf.map((slug) => `related:${slug}`));
  for (const { slug, before, after, formerLists } of change.stories) {
    keys.add(storyKey(slug));
    keys.add(SITEMAPS_KEY);
    // A story the instance did not hold: the lists it was in come from the store's log (their keys are the lists' own, but the home page's).
    for (const list of formerLists ?? []) keys.add(list === PUBLISHED_LIST ? listKey('home') : list);
    const visible = [before, after].filter((article): article is Article => article?.status === 'published');
    // A story joining, leaving or moving within lists changes them; an edit in place reaches them through its story key.
    const moved = !before || !after || before.status !== after.status || listPlace(before) !== listPlace(after);
    if (moved) for (const article of visible) for (const list of listsOf(article)) keys.add(list);
    if ([before, after].some((article) => article?.corrections.length)) keys.add(CORRECTIONS_KEY);
    if (before?.hero?.src !== after?.hero?.src || moved) for (const article of [before, after]) if (article?.hero) keys.add(photoKey(article.hero.src));
    if (before?.live || after?.live) keys.add(liveKey(slug));
  }
  for (const { story, before, after } of change.entries) {
    keys.add(liveKey(story));
    // An entry that comes, goes or moves in time may be the blog's latest: fronts, its card and the news sitemap show that time.
    const shown = (entry: typeof before) => entry?.status === 'published' && entry.postedTime;
    if (shown(before) !== shown(after)) {
      keys.add(storyKey(story));
      keys.add(SITEMAPS_KEY);
    }
  }
  return [...keys];
}
