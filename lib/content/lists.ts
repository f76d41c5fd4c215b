import type { Article } from './types';

/** One page of a list of public stories, newest first, and how many the whole list holds. */
export interface ListPage {
  stories: Article[];
  total: number;
}

/**
 * The lists readers page through, kept by a store that instances share (PostgreSQL's
 * `article_lists`, decision 47): section, topic and author pages and the corrections page are
 * read a page at a time from one index, so they need no catalogue and cost the same whatever
 * the size of the archive.
 */
export interface StoredLists {
  /** `limit` stories of `list` (`section:`, `tag:`, `author:` key) public at `at` (epoch ms) from `offset`, newest first, and the list's length then. */
  page(list: string, offset: number, limit: number, at: number): Promise<ListPage>;
  /** `limit` stories of `list` public at `at`, counted from its oldest from `offset`, oldest first (what a part of the articles sitemap lists). */
  oldestFirst(list: string, offset: number, limit: number, at: number): Promise<Article[]>;
  /** Of each run of `runLength` stories of `list` public at `at`, counted from its oldest, the one changed last (what dates a sitemap part), in order. */
  changedLastPerRun(list: string, runLength: number, at: number): Promise<Article[]>;
  /** Of each list with a story public at `at` (but `corrections`), the story changed last: what dates its page in the pages sitemap. */
  changedLastPerList(at: number): Promise<Map<string, Article>>;
  /** The `limit` published stories corrected last (by their newest correction), newest first, whatever their time of publication. */
  corrected(limit: number): Promise<Article[]>;
}
