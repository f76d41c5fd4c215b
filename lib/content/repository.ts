import { createHash } from 'node:crypto';
import type { RelatedStory } from './related';
import { RelatedStories } from './related-stories';
import { liveContent } from './live';
import { ContentIndex, listOf, PUBLISHED_LIST } from './content-index';
import { lastModified } from '../dates';
import type { ListPage, StoredLists } from './lists';
import type { Article, Author, Correction, LiveEntry, Photo, Section, SiteContent, Tag } from './types';

/** A correction with the story it corrects, for the corrections page. */
export interface CorrectionNotice extends Correction {
  article: Article;
}

/** A live blog as readers see it (or a preview, with drafts). */
export interface LiveBlog {
  /** Entries shown, newest first: published ones (and drafts in a preview). */
  entries: LiveEntry[];
  /** Key events among them, newest first. */
  keyEvents: LiveEntry[];
  /** The newest pinned entry, shown above the others. */
  pinned?: LiveEntry;
  /** The newest published entry: the time a front, the card and the news sitemap show. */
  latest?: LiveEntry;
  /** Deleted entries: their permalinks answer 410, and open pages remove them. */
  deleted: LiveEntry[];
  /** Coverage is over (front matter `live.ended`). */
  ended: boolean;
}

/**
 * The site's one view of its content at one moment: what readers may see (published stories
 * whose time has come), what answers 410 or 308, and what only a preview may show. A new
 * repository is made for every content version (lib/content/live.ts); pages ask getContent().
 */
export interface ContentRepository {
  /** Changes whenever anything public changes (for logs, the status endpoint and tests). */
  version: string;
  /** The moment this view is of (epoch ms): stories published later are not in it yet. */
  createdAt: number;
  sections: Section[];
  authors: Author[];
  /** Public stories only, newest first. */
  articles: Article[];
  tags: Tag[];
  article(section: string, slug: string): Article | undefined;
  /** A public or withdrawn story by slug (what readers see of it), or undefined. */
  bySlug(slug: string): Article | undefined;
  /** A withdrawn story at its path (410), or undefined. */
  withdrawn(path: string): Article | undefined;
  /** Any story at its path whatever its state (draft, embargoed, withdrawn), for previews. */
  preview(section: string, slug: string): Article | undefined;
  /** The current path of a public story that once lived at `path`, or undefined. */
  aliasTarget(path: string): string | undefined;
  section(slug: string): Section | undefined;
  author(id: string): Author | undefined;
  tag(slug: string): Tag | undefined;
  articlesInSection(section: string): Article[];
  /**
   * Page `page` (from 1) of `size` stories of a list (`section:`, `tag:` or `author:` key), as
   * listing pages show it: read from the store where it keeps the lists (PostgreSQL), else from
   * this view's lists.
   */
  listPage(list: string, page: number, size: number): Promise<ListPage>;
  /** That page if this view has it without asking the store (it holds the lists, or read that page): what a document's keys come from. */
  heldListPage(list: string, page: number, size: number): ListPage | undefined;
  /** `count` stories of a list counted from its oldest, from `from`, oldest first: what a part of the articles sitemap lists. */
  oldestFirst(list: string, from: number, count: number): Promise<Article[]>;
  /** Of each run of `runLength` stories of a list counted from its oldest, the one changed last (lib/dates.ts lastModified): what dates a sitemap part. */
  changedLastPerRun(list: string, runLength: number): Promise<Article[]>;
  /** Of each list (`published`, `section:`, `tag:`, `author:` key) with a public story, the story changed last: what dates its page in the pages sitemap. */
  changedLastPerList(): Promise<Map<string, Article>>;
  /** How many such runs, if this view knows without asking the store. */
  heldRunCount(list: string, runLength: number): number | undefined;
  /** Whether these lists come from the store (the view's own lists may not hold every story yet). */
  listsStored: boolean;
  related(article: Article): RelatedStory[];
  /**
   * Reads from the store the stories with these slugs that this view may not hold yet (a start
   * in parts): what lists stories by slug (search results) awaits this before it looks them up.
   */
  readStories(slugs: string[]): Promise<void>;
  /** The hero photo of a public story that a crop (`/crops/<ratio>/<file>`) is cut from, or undefined. */
  heroOfCrop(file: string): Photo | undefined;
  /** The story's live blog, or undefined when it is not one; `drafts`: as a preview shows it. */
  liveBlog(article: Article, options?: { drafts?: boolean }): LiveBlog | undefined;
  /** Every correction of a public story, newest first. */
  corrections: CorrectionNotice[];
  /** The `limit` newest corrections of public stories, newest first: from the store where it keeps the lists. */
  recentCorrections(limit: number): Promise<CorrectionNotice[]>;
  /** Epoch ms of the next embargo to lift, when this view stops being true; undefined if none. */
  nextEmbargoLift?: number;
}

export function isPublic(article: Article, now: number): boolean {
  return article.status === 'published' && article.publishedTime <= now;
}

/**
 * Names what public pages can show at `now`: sections, authors, the stories readers see or that
 * answer 410 (the index's digest), and how many are still under embargo (a lift changes it).
 */
function versionOf(index: ContentIndex, now: number): string {
  let embargoed = 0;
  for (const article of index.all) {
    if (article.publishedTime <= now) break;
    if (article.status === 'published') embargoed++;
  }
  return createHash('sha1').update(JSON.stringify([index.sections, index.authors, index.digest.toString(), embargoed])).digest('base64url').slice(0, 12);
}

/** How many stories one view keeps of what it read from a store (about 2 KB each); past this it starts again. */
const HELD_STORE_STORIES = 5_000;

/** Every correction of `articles` that are public at `now`, newest first. */
function correctionsOf(articles: Iterable<Article>, now: number): CorrectionNotice[] {
  return [...articles]
    .filter((article) => isPublic(article, now))
    .flatMap((article) => article.corrections.map((correction) => ({ ...correction, article })))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}

/** The story changed last (lib/dates.ts lastModified) among `articles`, or undefined for none. */
function changedLastOf(articles: readonly Article[]): Article | undefined {
  let last: Article | undefined;
  let lastTime = -Infinity;
  for (const article of articles) {
    const time = Date.parse(lastModified(article));
    if (time > lastTime) [last, lastTime] = [article, time];
  }
  return last;
}

/** A value worked out on first use, then kept for the life of the view. */
function once<T>(derive: () => T): () => T {
  let value: T;
  let done = false;
  return () => {
    if (!done) {
      value = derive();
      done = true;
    }
    return value;
  };
}

/**
 * The public view of the content at `now`. Made in constant time from the catalogue's index
 * (lib/content/content-index.ts), which the catalogue keeps up to date story by story; lookups
 * filter by status and time as they go, and whole lists are worked out once per view, on first
 * use. `content` may also be a plain list of stories (tests, scripts), indexed once here.
 */
export function createRepository(
  content: SiteContent | ContentIndex,
  now = Date.now(),
  relatedStories = new RelatedStories(),
  store?: { lists?: StoredLists; holdsAll: boolean; holdsNewest?: number; readStories?: (slugs: string[]) => Promise<void> },
): ContentRepository {
  const storedLists = store?.lists;
  const index = content instanceof ContentIndex ? content : ContentIndex.of(content);
  const { sections, authors } = index;
  const visible = (article: Article | undefined) => (article && isPublic(article, now) ? article : undefined);
  const lists = new Map<string, Article[]>();
  const publicList = (key: string) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = index.publicAt(key, now)));
    return list;
  };
  const articles = () => publicList(PUBLISHED_LIST);
  const sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
  const authorsById = new Map(authors.map((a) => [a.id, a]));
  const tagsBySlug = once(() => {
    const tags = new Map<string, Tag>();
    for (const slug of index.tagSlugs()) {
      const newest = publicList(listOf('tag', slug))[0];
      const tag = newest?.tags.find((t) => t.slug === slug);
      if (tag) tags.set(slug, tag);
    }
    return tags;
  });
  const tags = once(() => [...tagsBySlug().values()].sort((a, b) => a.name.localeCompare(b.name)));
  /** Topics of stories this view does not hold, named by a page of their list read from the store (a search filtered by one). */
  const storedTags = new Map<string, Tag>();
  const noteTag = (list: string, page: ListPage) => {
    const slug = list.slice(listOf('tag', '').length);
    const tag = list.startsWith(listOf('tag', '')) ? page.stories[0]?.tags.find((t) => t.slug === slug) : undefined;
    if (tag) storedTags.set(slug, tag);
    return page;
  };
  const corrections = once(() => correctionsOf(index.corrected, now));
  const heldPage = (list: string, page: number, size: number): ListPage => {
    const stories = publicList(list);
    return { stories: stories.slice((page - 1) * size, page * size), total: stories.length };
  };
  /** Stories of a list counted from its oldest: `count` from `from`, oldest first. */
  const heldOldestFirst = (list: string, from: number, count: number): Article[] => {
    const stories = publicList(list);
    return stories.slice(Math.max(0, stories.length - from - count), Math.max(0, stories.length - from)).reverse();
  };
  const heldChangedLastPerRun = (list: string, runLength: number): Article[] => {
    const changedLast: Article[] = [];
    for (let from = 0; from < publicList(list).length; from += runLength) changedLast.push(changedLastOf(heldOldestFirst(list, from, runLength))!);
    return changedLast;
  };
  const heldChangedLastPerList = (): Map<string, Article> => {
    const lists = [PUBLISHED_LIST, ...sections.map((s) => listOf('section', s.slug)), ...index.tagSlugs().map((slug) => listOf('tag', slug)), ...authors.map((a) => listOf('author', a.id))];
    const changedLast = new Map<string, Article>();
    for (const list of lists) {
      const article = changedLastOf(publicList(list));
      if (article) changedLast.set(list, article);
    }
    return changedLast;
  };
  // While the store cannot answer, a view that holds every story answers from its own lists.
  const fromStoreOr = <T>(fromStore: (lists: StoredLists) => Promise<T>, held: () => T): Promise<T> =>
    storedLists ? fromStore(storedLists).catch((error: unknown) => (store!.holdsAll ? held() : Promise.reject(error))) : Promise.resolve(held());
  // What a view reads from a store to show a page it reads once: the document that showed it and
  // the keys it is filed under (heldListPage) agree. Kept within a number of stories.
  const storeReads = new Map<string, { read: Promise<unknown>; value?: unknown }>();
  let storiesRead = 0;
  // A view that holds the fronts only (a catalogue read on demand, decision 48) answers, while the
  // store cannot, what they hold (`fromFront`): once, keeping nothing, so no document is filed under it.
  const readOnce = <T>(key: string, fromStore: (lists: StoredLists) => Promise<T>, held: () => T, storiesOf: (value: T) => number, fromFront?: () => T | undefined): Promise<T> => {
    if (!storedLists) return Promise.resolve(held());
    let entry = storeReads.get(key);
    if (!entry) {
      let kept = true;
      const read = fromStoreOr(fromStore, held).catch((error: unknown) => {
        const front = fromFront?.();
        if (front === undefined) throw error;
        kept = false;
        return front;
      });
      storeReads.set(key, (entry = { read }));
      read.then(
        (value) => {
          if (!kept) return void storeReads.delete(key);
          storiesRead += storiesOf(value);
          if (storiesRead > HELD_STORE_STORIES) {
            storeReads.clear();
            storiesRead = 0;
          }
          if (storeReads.get(key) === entry) entry!.value = value;
        },
        () => storeReads.delete(key),
      );
    }
    return entry.read as Promise<T>;
  };
  const storiesOfPage = (page: ListPage) => page.stories.length;
  /** Whether the fronts this view holds show the first `count` stories of a list: the site's and each section's newest. */
  const frontHolds = (list: string, count: number) =>
    store?.holdsNewest !== undefined && count <= store.holdsNewest && (list === PUBLISHED_LIST || list.startsWith(listOf('section', '')));
  const storiesOfList = (list: unknown[]) => list.length;
  // Stories in the future are the front of the newest-first list: the next embargo is among them.
  const nextEmbargoLift = once(() => {
    let next: number | undefined;
    for (const article of index.all) {
      if (article.publishedTime <= now) break;
      if (article.status === 'published') next = article.publishedTime;
    }
    return next;
  });
  const blogs = new Map<string, LiveBlog>();
  const repository: ContentRepository = {
    version: versionOf(index, now),
    createdAt: now,
    sections,
    authors,
    get articles() {
      return articles();
    },
    get tags() {
      const notHeld = [...storedTags.values()].filter((tag) => !tagsBySlug().has(tag.slug));
      return notHeld.length ? [...tags(), ...notHeld].sort((a, b) => a.name.localeCompare(b.name)) : tags();
    },
    get corrections() {
      return corrections();
    },
    get nextEmbargoLift() {
      return nextEmbargoLift();
    },
    article: (section, slug) => visible(index.atPath(`/${section}/${slug}`)),
    bySlug: (slug) => {
      const article = index.withSlug(slug);
      return article?.status === 'withdrawn' ? article : visible(article);
    },
    withdrawn: (path) => {
      const article = index.atPath(path);
      return article?.status === 'withdrawn' ? article : undefined;
    },
    preview: (section, slug) => index.atPath(`/${section}/${slug}`),
    aliasTarget: (path) => {
      // A public story's own URL wins over another's old URL.
      if (visible(index.atPath(path))) return undefined;
      return index.aliasOwners(path).find((owner) => isPublic(owner, now))?.path;
    },
    section: (slug) => sectionsBySlug.get(slug),
    author: (id) => authorsById.get(id),
    tag: (slug) => tagsBySlug().get(slug) ?? storedTags.get(slug),
    articlesInSection: (section) => publicList(listOf('section', section)),
    listsStored: storedLists !== undefined,
    listPage: (list, page, size) =>
      readOnce(
        `page ${list} ${page} ${size}`,
        (lists) => lists.page(list, (page - 1) * size, size, now).then((read) => noteTag(list, read)),
        () => heldPage(list, page, size),
        storiesOfPage,
        () => (frontHolds(list, page * size) ? heldPage(list, page, size) : undefined),
      ),
    heldListPage: (list, page, size) => (storedLists ? (storeReads.get(`page ${list} ${page} ${size}`)?.value as ListPage | undefined) : heldPage(list, page, size)),
    // A sitemap part (10,000 stories) is read for its one document, not kept.
    oldestFirst: (list, from, count) => fromStoreOr((lists) => lists.oldestFirst(list, from, count, now), () => heldOldestFirst(list, from, count)),
    changedLastPerRun: (list, runLength) =>
      readOnce(`runs ${list} ${runLength}`, (lists) => lists.changedLastPerRun(list, runLength, now), () => heldChangedLastPerRun(list, runLength), storiesOfList),
    changedLastPerList: () => fromStoreOr((lists) => lists.changedLastPerList(now), heldChangedLastPerList),
    heldRunCount: (list, runLength) =>
      storedLists ? (storeReads.get(`runs ${list} ${runLength}`)?.value as Article[] | undefined)?.length : Math.ceil(publicList(list).length / runLength),
    recentCorrections: (limit) =>
      readOnce(
        `corrections ${limit}`,
        async (lists) => correctionsOf(await lists.corrected(limit), now).slice(0, limit),
        () => corrections().slice(0, limit),
        storiesOfList,
      ),
    related: (article) => relatedStories.of(article, repository),
    readStories: (slugs) => store?.readStories?.(slugs) ?? Promise.resolve(),
    heroOfCrop: (file) => index.heroCropOwners(file).find((owner) => isPublic(owner, now))?.hero,
    liveBlog: (article, { drafts = false } = {}) => {
      if (!article.live) return undefined;
      const key = `${drafts} ${article.slug}`;
      let blog = blogs.get(key);
      if (!blog) blogs.set(key, (blog = liveBlogOf(article, index.entriesOf(article.slug), drafts)));
      return blog;
    },
  };
  return repository;
}

function liveBlogOf(article: Article, all: readonly LiveEntry[], drafts: boolean): LiveBlog {
  const entries = all.filter((entry) => entry.status === 'published' || (drafts && entry.status === 'draft'));
  return {
    entries,
    keyEvents: entries.filter((entry) => entry.key),
    pinned: entries.find((entry) => entry.pinned),
    latest: entries.find((entry) => entry.status === 'published'),
    deleted: all.filter((entry) => entry.status === 'deleted'),
    ended: article.live?.ended !== undefined,
  };
}

/** The live content version: what every page, feed, sitemap and card shows right now. */
export function getContent(): ContentRepository {
  return liveContent().current();
}

/** The articles with their bodies held, read from the store first where they are read on demand: what shows a body awaits this. */
export function withBodies(articles: readonly Article[]): Promise<Article[]> {
  return liveContent().withBodies(articles);
}

/** The related stories of an article, their picks read from the store first where they are kept there: what shows a related box awaits this. */
export function relatedTo(article: Article): Promise<RelatedStory[]> {
  return liveContent().relatedTo(article);
}

export function sectionName(section: string): string {
  return getContent().section(section)?.name ?? section;
}
