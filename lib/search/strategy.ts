import { tokenize } from './analysis';
import type { SearchHit, SearchRequest, SearchResults } from './engine';
import { hasSearchTerms, parseQuery, type ParsedQuery, type QueryWord } from './query';

/**
 * How a search is answered, whatever engine runs it: the words as typed first, so "storm" never
 * brings "store"; when they find nothing, the closest spellings the stories use, then typo
 * tolerance, then stories with some of the words. Each engine supplies the two operations
 * below; both engines therefore correct, relax and report exactly alike (docs/search.md).
 */
export interface Matcher {
  /**
   * One page of the stories that match (request.page, clamped to the last page) and how many
   * match in all: ranked by relevance with the recency boost, or newest first.
   */
  match(request: SearchRequest, mode: MatchMode, forgiveTypos: boolean): Promise<MatchedPage>;
  /** For each of these words no story uses, the closest spelling one does (see Vocabulary.correct). */
  respellings(words: string[]): Promise<Map<string, string>>;
}

/** "all": every word; "some": the phrases and at least one of the other words. Never an excluded one. */
export type MatchMode = 'all' | 'some';

export interface MatchedPage {
  hits: SearchHit[];
  total: number;
  page: number;
}

/**
 * A story's score is multiplied by 1 + weight × 2^(-age / half-life): this week's story beats
 * an older one with the same words, but a much better match still beats a newer, weaker one.
 */
export const RECENCY = { weight: 0.5, halfLifeDays: 14 } as const;
/** Per millisecond of age, for exp(-rate × age). */
export const RECENCY_RATE = Math.LN2 / (RECENCY.halfLifeDays * 86_400_000);

/**
 * Typos are forgiven in words of five letters or more when the words as typed find nothing:
 * one edit, two from seven letters (swapping two letters, the commonest typo, is two edits).
 */
export const FUZZY_MIN_LENGTH = 5;
export const fuzzyEdits = (word: string) => (word.length >= 7 ? 2 : 1);
/** Spellings stories use tried for a typo: enough for the word meant, few enough to keep the query small. */
export const MAX_TYPO_ALTERNATIVES = 8;

/** Words inside a quoted phrase are always required; the others may be relaxed. */
export function phraseAndLooseWords(query: ParsedQuery): { inPhrases: QueryWord[]; loose: QueryWord[] } {
  const phraseWords = new Set(query.phrases.flat());
  return {
    inPhrases: query.words.filter((word) => phraseWords.has(word.word)),
    loose: query.words.filter((word) => !phraseWords.has(word.word)),
  };
}

/** The page to show of `total` results: requested pages past the last are answered with the last. */
export function clampPage(requested: number, total: number, pageSize: number): { page: number; totalPages: number } {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, requested), totalPages), totalPages };
}

/**
 * The query with each word no story uses replaced by the closest spelling that one does;
 * `silently` when every replaced word is long enough for typo tolerance.
 */
function respell(query: ParsedQuery, replacements: Map<string, string>): { text: string; silently: boolean } | undefined {
  if (replacements.size === 0) return undefined;
  let text = '';
  let position = 0;
  for (const token of tokenize(query.text)) {
    const corrected = replacements.get(token.word);
    if (corrected === undefined) continue;
    text += query.text.slice(position, token.start) + corrected;
    position = token.end;
  }
  const silently = [...replacements.keys()].every((word) => word.length >= FUZZY_MIN_LENGTH);
  return { text: text + query.text.slice(position), silently };
}

export async function searchWithFallbacks(matcher: Matcher, request: SearchRequest): Promise<SearchResults> {
  const { query, pageSize } = request;
  if (!hasSearchTerms(query)) return { hits: [], total: 0, page: 1, totalPages: 1, partial: false };

  let partial = false;
  let correction: string | undefined;
  let suggestion: string | undefined;
  let results = await matcher.match(request, 'all', false);
  if (results.total === 0) {
    const words = [...query.words, ...query.excludedWords].map(({ word }) => word);
    const respelt = respell(query, await matcher.respellings(words));
    if (respelt) {
      const found = await matcher.match({ ...request, query: parseQuery(respelt.text) }, 'all', false);
      // Only words of typo-tolerance length are corrected silently; a short one ("dmx") is offered.
      if (found.total > 0 && respelt.silently) [results, correction] = [found, respelt.text];
      else if (found.total > 0) suggestion = respelt.text;
    }
  }
  if (results.total === 0 && query.words.some(({ word }) => word.length >= FUZZY_MIN_LENGTH)) results = await matcher.match(request, 'all', true);
  if (results.total === 0 && query.words.length > 1 && phraseAndLooseWords(query).loose.length > 0) {
    results = await matcher.match(request, 'some', true);
    partial = results.total > 0;
  }
  const { totalPages } = clampPage(results.page, results.total, pageSize);
  return { hits: results.hits, total: results.total, page: results.page, totalPages, partial, correction, suggestion };
}
