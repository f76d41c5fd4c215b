import type { Article } from '../content/types';
import type { ParsedQuery } from './query';
import type { HighlightedText } from './snippet';

/**
 * What every search engine answers, whatever it runs on: the embedded SQLite FTS5 index, or
 * PostgreSQL full-text search for deployments with DATABASE_URL. The page, the URL and the
 * tests only ever see this interface (docs/search.md).
 */
export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResults>;
}

export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchFilters {
  /** Section slug. */
  section?: string;
  /** Author id. */
  author?: string;
  /** Tag slug. */
  tag?: string;
  /** Published at or after (epoch ms). */
  from?: number;
  /** Published before (epoch ms). */
  until?: number;
}

export interface SearchRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  /** 1-based; a page past the last one is answered with the last. */
  page: number;
  pageSize: number;
  /** The moment recency is measured from (epoch ms). */
  now: number;
}

export interface SearchHit {
  article: Article;
  /** A passage of the body with the matched words highlighted. */
  snippet: HighlightedText;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Matching stories on all pages. */
  total: number;
  page: number;
  totalPages: number;
  /** No story had every word, so these are the stories with some of them. */
  partial: boolean;
  /**
   * Set when the query as typed found nothing and these are the results for this spelling of it
   * instead: words no story uses replaced by the closest ones that stories do use.
   */
  correction?: string;
  /** A spelling that would find stories, offered ("did you mean") rather than applied. */
  suggestion?: string;
}
