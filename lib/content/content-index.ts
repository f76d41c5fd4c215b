import { OrderFreeDigest } from './digest';
import { cropFileName } from './photos';
import type { Article, Author, LiveEntry, Section, SiteContent } from './types';

/** Newest first, ties by slug: the order of every listing. */
export function newestFirst(a: Article, b: Article): number {
  return b.publishedTime - a.publishedTime || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Newest posted first, ties by id: the order of a live blog. */
export function newestEntryFirst(a: LiveEntry, b: LiveEntry): number {
  return b.postedTime - a.postedTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where `article` is, or would go, in a list sorted newest first. */
function sortedPosition(list: Article[], article: Article): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (newestFirst(list[mid], article) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Files `article` under `key` (an old URL, a crop file) among the stories that share it, first come first. */
function addOwner(owners: Map<string, Article[]>, key: string, article: Article): void {
  const sharing = owners.get(key);
  if (sharing) sharing.push(article);
  else owners.set(key, [article]);
}

function removeOwner(owners: Map<string, Article[]>, key: string, article: Article): void {
  const sharing = owners.get(key)?.filter((owner) => owner !== article);
  if (sharing?.length) owners.set(key, sharing);
  else owners.delete(key);
}

/** The list of every story with `status: published`: the site's newest first. */
export const PUBLISHED_LIST = 'published';

export type ListKind = 'section' | 'tag' | 'author';

/** The key of a section's, topic's or author's list (of the index, the store's `article_lists`, and the documents that show it). */
export const listOf = (kind: ListKind, key: string) => `${kind}:${key}`;

/** The lists a story is in while `status: published` (public once its time has come). */
export const listKeysOf = (article: Article) => [
  PUBLISHED_LIST,
  listOf('section', article.section),
  ...article.tags.map((tag) => listOf('tag', tag.slug)),
  ...article.authors.map((id) => listOf('author', id)),
];

/**
 * The valid content, indexed for the public views (lib/content/repository.ts) and kept up to
 * date story by story: adding or removing one costs its own lists, never the archive. Views
 * filter by status and time when asked, so an embargo lifting needs no index change.
 */
export class ContentIndex {
  sections: Section[] = [];
  authors: Author[] = [];
  /** Every valid story, newest first. */
  readonly all: Article[] = [];
  /** Counts every change: views made before a change know they are older. */
  generation = 0;
  /**
   * An order-free digest of the stories readers can see or that answer 410 (path, revision,
   * status, time), XOR-ed in and out as they come and go: a view's version costs nothing.
   */
  readonly digest = new OrderFreeDigest();
  private readonly byPath = new Map<string, Article>();
  private readonly bySlug = new Map<string, Article>();
  /** Old URLs (aliases) to the stories that name them, first come first. */
  private readonly byAlias = new Map<string, Article[]>();
  /** Crop file names (`/crops/<ratio>/<file>`) to the stories whose hero they are cut from. */
  private readonly byHeroCrop = new Map<string, Article[]>();
  /** `section:`, `tag:` and `author:` lists of the stories with `status: published`, newest first. */
  private readonly lists = new Map<string, Article[]>();
  /** Stories with corrections. */
  readonly corrected = new Set<Article>();
  /** Every valid entry of each live blog (any status), newest first, by story slug. */
  private readonly entriesByStory = new Map<string, LiveEntry[]>();
  private bulk = false;

  static of(content: SiteContent): ContentIndex {
    const index = new ContentIndex();
    index.sections = content.sections;
    index.authors = content.authors;
    index.load(() => content.articles.forEach((article) => index.add(article)));
    return index;
  }

  /** Adds many stories at once: the lists are sorted once at the end rather than kept sorted. */
  load(add: () => void): void {
    this.bulk = true;
    try {
      add();
    } finally {
      this.bulk = false;
      this.all.sort(newestFirst);
      for (const list of this.lists.values()) list.sort(newestFirst);
    }
  }

  add(article: Article): void {
    this.generation++;
    this.fold(article);
    this.byPath.set(article.path, article);
    this.bySlug.set(article.slug, article);
    for (const alias of article.aliases) addOwner(this.byAlias, alias, article);
    if (article.hero) addOwner(this.byHeroCrop, cropFileName(article.hero), article);
    if (article.corrections.length) this.corrected.add(article);
    this.insert(this.all, article);
    if (article.status !== 'published') return;
    for (const key of listKeysOf(article)) {
      const list = this.lists.get(key);
      if (list) this.insert(list, article);
      else this.lists.set(key, [article]);
    }
  }

  remove(article: Article): void {
    this.generation++;
    this.fold(article);
    if (this.byPath.get(article.path) === article) this.byPath.delete(article.path);
    if (this.bySlug.get(article.slug) === article) this.bySlug.delete(article.slug);
    for (const alias of article.aliases) removeOwner(this.byAlias, alias, article);
    if (article.hero) removeOwner(this.byHeroCrop, cropFileName(article.hero), article);
    this.corrected.delete(article);
    this.delete(this.all, article);
    if (article.status !== 'published') return;
    for (const key of listKeysOf(article)) {
      const list = this.lists.get(key);
      if (!list) continue;
      this.delete(list, article);
      if (!list.length) this.lists.delete(key);
    }
  }

  addEntry(entry: LiveEntry): void {
    this.generation++;
    this.foldEntry(entry);
    const list = this.entriesByStory.get(entry.story) ?? [];
    const at = list.findIndex((other) => newestEntryFirst(other, entry) > 0);
    list.splice(at === -1 ? list.length : at, 0, entry);
    this.entriesByStory.set(entry.story, list);
  }

  removeEntry(entry: LiveEntry): void {
    this.generation++;
    this.foldEntry(entry);
    const list = this.entriesByStory.get(entry.story)?.filter((other) => other !== entry) ?? [];
    if (list.length) this.entriesByStory.set(entry.story, list);
    else this.entriesByStory.delete(entry.story);
  }

  /** A live blog's entries in every state, newest first. */
  entriesOf(story: string): readonly LiveEntry[] {
    return this.entriesByStory.get(story) ?? [];
  }

  atPath(path: string): Article | undefined {
    return this.byPath.get(path);
  }

  withSlug(slug: string): Article | undefined {
    return this.bySlug.get(slug);
  }

  /** The stories that name `path` among their old URLs. */
  aliasOwners(path: string): Article[] {
    return this.byAlias.get(path) ?? [];
  }

  /** The stories whose hero a crop file is cut from. */
  heroCropOwners(file: string): Article[] {
    return this.byHeroCrop.get(file) ?? [];
  }

  /** A `section:`, `tag:` or `author:` list: stories with `status: published`, newest first. */
  list(key: string): Article[] {
    return this.lists.get(key) ?? [];
  }

  /**
   * A list as public at `now`: a copy from its first story whose time has come (the future,
   * embargoed ones lead a newest-first list), not a filter of every story.
   */
  publicAt(key: string, now: number): Article[] {
    const list = this.list(key);
    let start = 0;
    while (start < list.length && list[start].publishedTime > now) start++;
    return list.slice(start);
  }

  /** Every topic slug in use by a story with `status: published`. */
  tagSlugs(): string[] {
    return [...this.lists.keys()].filter((key) => key.startsWith('tag:')).map((key) => key.slice('tag:'.length));
  }

  private fold(article: Article): void {
    if (article.status === 'draft') return;
    this.digest.toggle(`${article.path} ${article.revision} ${article.status} ${article.publishedTime}`);
  }

  private foldEntry(entry: LiveEntry): void {
    if (entry.status === 'draft') return;
    this.digest.toggle(`${entry.sourceFile} ${entry.revision}`);
  }

  private insert(list: Article[], article: Article): void {
    if (this.bulk) list.push(article);
    else list.splice(sortedPosition(list, article), 0, article);
  }

  private delete(list: Article[], article: Article): void {
    const at = sortedPosition(list, article);
    if (list[at] === article) list.splice(at, 1);
    else list.splice(list.indexOf(article), 1);
  }
}
