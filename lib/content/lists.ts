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
  /** The `limit` published stories corrected last (by their newest correction), newest first, whatever their time of publication. */
  corrected(limit: number): Promise<Article[]>;
}
