import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Article } from '../content/types';
import { termOf, tokenize } from './analysis';
import { analyseFields, SEARCH_FIELDS, searchFieldTexts, type SearchField } from './documents';
import type { SearchEngine, SearchFilters, SearchRequest, SearchResults } from './engine';
import { markdownToPlainText } from './plain-text';
import type { QueryWord } from './query';
import { buildSnippet } from './snippet';
import { clampPage, fuzzyEdits, FUZZY_MIN_LENGTH, phraseAndLooseWords, RECENCY, RECENCY_RATE, searchWithFallbacks, type MatchedPage, type Matcher, type MatchMode } from './strategy';
import { Vocabulary } from './vocabulary';

/** How much a match in each field counts (BM25 per field, multiplied by this). */
export const FIELD_WEIGHTS: Record<SearchField, number> = { headline: 4, tags: 3, standfirst: 2, body: 1 };

interface IndexedArticle {
  article: Article;
  revision: string;
}

export interface SyncReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

function containsSequence(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A phrase's words in order with only non-words between them, tested on the raw text: most
 * texts are ASCII, where this is exact and far cheaper than tokenising every candidate. Text
 * with other characters is tokenised and folded, so "cafe society" still finds "Café society".
 */
function phraseMatcher(phrase: string[]): (text: string) => boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase.map(escapeRegExp).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => {
    if (pattern.test(text)) return true;
    return !ASCII.test(text) && containsSequence(tokenize(text).map((token) => token.word), phrase);
  };
}

/** A body without tags, entities or links reads as its Markdown source, markers being non-words. */
const NEEDS_PLAIN_TEXT = /[<&[]/;

function containsPhrase(article: Article, matches: (text: string) => boolean): boolean {
  // Each tag on its own, so a phrase never spans two tags; the body as the reader sees it.
  const { body } = article;
  return (
    matches(article.headline) ||
    matches(article.standfirst) ||
    article.tags.some((tag) => matches(tag.name)) ||
    matches(NEEDS_PLAIN_TEXT.test(body) ? markdownToPlainText(body) : body)
  );
}

const publishedTime = (result: SearchResult) => result.publishedTime as number;

function passes(article: Article, filters: SearchFilters): boolean {
  return (
    (filters.section === undefined || article.section === filters.section) &&
    (filters.author === undefined || article.authors.includes(filters.author)) &&
    (filters.tag === undefined || article.tags.some((tag) => tag.slug === filters.tag)) &&
    (filters.from === undefined || article.publishedTime >= filters.from) &&
    (filters.until === undefined || article.publishedTime < filters.until)
  );
}

/**
 * The embedded engine: a MiniSearch index of the live articles in this process, kept up to date
 * incrementally (`sync`), with no service to run.
 */
export class MiniSearchEngine implements SearchEngine, Matcher {
  private readonly index = new MiniSearch<{ id: string; publishedTime: number } & Record<SearchField, string>>({
    fields: [...SEARCH_FIELDS],
    // On every result, so ranking and sorting by date need no look-up per result.
    storeFields: ['publishedTime'],
    // Documents arrive analysed (see analyseFields): their fields are index terms joined by spaces.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly vocabulary = new Vocabulary();

  static of(articles: readonly Article[]): MiniSearchEngine {
    const engine = new MiniSearchEngine();
    engine.sync(articles);
    return engine;
  }

  get size(): number {
    return this.articles.size;
  }

  /**
   * Brings the index to exactly these articles: new paths are added, gone ones removed, and only
   * articles whose revision changed are analysed again.
   */
  sync(articles: readonly Article[]): SyncReport {
    const report: SyncReport = { added: 0, updated: 0, removed: 0, unchanged: 0 };
    const current = new Set<string>();
    for (const article of articles) {
      current.add(article.path);
      const { revision } = article;
      const indexed = this.articles.get(article.path);
      if (!indexed) {
        this.add(article, revision);
        report.added++;
      } else if (indexed.revision !== revision) {
        this.remove(indexed.article);
        this.add(article, revision);
        report.updated++;
      } else {
        // Same content: keep the index, but hand out the current repository's object.
        indexed.article = article;
        report.unchanged++;
      }
    }
    for (const [path, indexed] of this.articles) {
      if (current.has(path)) continue;
      this.remove(indexed.article);
      report.removed++;
    }
    return report;
  }

  private add(article: Article, revision: string): void {
    const { stems, words } = analyseFields(searchFieldTexts(article));
    this.index.add({ id: article.path, publishedTime: article.publishedTime, ...stems });
    this.vocabulary.add(words);
    this.articles.set(article.path, { article, revision });
  }

  private remove(article: Article): void {
    this.index.discard(article.path);
    this.articles.delete(article.path);
  }

  search(request: SearchRequest): Promise<SearchResults> {
    return searchWithFallbacks(this, request);
  }

  async respellings(words: string[]): Promise<Map<string, string>> {
    const replacements = new Map<string, string>();
    for (const word of words) {
      if (this.vocabulary.has(word)) continue;
      const corrected = this.vocabulary.correct(word);
      if (corrected) replacements.set(word, corrected);
    }
    return replacements;
  }

  async match(request: SearchRequest, mode: MatchMode, forgiveTypos: boolean): Promise<MatchedPage> {
    const results = this.run(request, mode, forgiveTypos);
    if (request.sort === 'newest') results.sort((a, b) => publishedTime(b) - publishedTime(a) || (a.id < b.id ? -1 : 1));
    const { pageSize } = request;
    const { page } = clampPage(request.page, results.length, pageSize);
    const hits = results.slice((page - 1) * pageSize, page * pageSize).map((result) => {
      const { article } = this.articles.get(result.id)!;
      const matched = new Set(result.terms);
      const snippet = buildSnippet(markdownToPlainText(article.body), (token) => {
        const term = termOf(token.word);
        return term !== undefined && matched.has(term) ? term : undefined;
      });
      return { article, snippet };
    });
    return { hits, total: results.length, page };
  }

  /**
   * Stories with every word ("all") or, when none has, with the phrases and at least one other
   * word ("some"), forgiving typos or not; never with an excluded word or phrase, always within
   * the filters.
   */
  private run(request: SearchRequest, mode: MatchMode, forgiveTypos: boolean): SearchResult[] {
    const { query, filters, now } = request;
    const termQuery = ({ word, term }: QueryWord): Query => ({
      queries: [term],
      fuzzy: forgiveTypos && word.length >= FUZZY_MIN_LENGTH ? fuzzyEdits(word) : false,
    });
    const { inPhrases, loose } = phraseAndLooseWords(query);
    const required = mode === 'all' ? query.words : inPhrases;
    const optional = mode === 'all' ? [] : loose;
    const positive: Query = {
      combineWith: 'AND',
      queries: [...required.map(termQuery), ...(optional.length ? [{ combineWith: 'OR', queries: optional.map(termQuery) } as Query] : [])],
    };
    const excluded = query.excludedWords.map(({ term }) => term);
    const tree: Query = excluded.length ? { combineWith: 'AND_NOT', queries: [positive, { combineWith: 'OR', queries: excluded }] } : positive;

    const filtered = Object.values(filters).some((value) => value !== undefined);
    let results = this.index.search(tree, {
      // Terms arrive analysed, like the documents.
      tokenize: (text) => [text],
      processTerm: (term) => term,
      boost: FIELD_WEIGHTS,
      filter: filtered ? (result) => passes(this.articles.get(result.id)!.article, filters) : undefined,
    });
    if (query.phrases.length > 0 || query.excludedPhrases.length > 0) {
      const phrases = query.phrases.map(phraseMatcher);
      const excludedPhrases = query.excludedPhrases.map(phraseMatcher);
      results = results.filter(({ id }) => {
        const { article } = this.articles.get(id)!;
        return phrases.every((matches) => containsPhrase(article, matches)) && !excludedPhrases.some((matches) => containsPhrase(article, matches));
      });
    }
    // Recency once per story here: as MiniSearch's boostDocument it ran for every field of every term.
    for (const result of results) {
      result.score *= 1 + RECENCY.weight * Math.exp(-RECENCY_RATE * Math.max(0, now - publishedTime(result)));
    }
    return results.sort((a, b) => b.score - a.score);
  }
}
