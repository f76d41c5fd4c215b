import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Article } from '../content/types';
import { termOf, tokenize } from './analysis';
import type { SearchEngine, SearchFilters, SearchRequest, SearchResults } from './engine';
import { markdownToPlainText } from './plain-text';
import { hasSearchTerms, parseQuery, type ParsedQuery, type QueryWord } from './query';
import { buildSnippet } from './snippet';
import { Vocabulary } from './vocabulary';

/** How much a match in each field counts (BM25 per field, multiplied by this). */
export const FIELD_WEIGHTS = { headline: 4, tags: 3, standfirst: 2, body: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/**
 * A story's score is multiplied by 1 + weight × 2^(-age / half-life): this week's story beats
 * an older one with the same words, but a much better match still beats a newer, weaker one.
 */
export const RECENCY = { weight: 0.5, halfLifeDays: 14 } as const;
const RECENCY_RATE = Math.LN2 / (RECENCY.halfLifeDays * 86_400_000);

/**
 * Typos are forgiven in words of five letters or more when the words as typed find nothing:
 * one edit, two from seven letters (swapping two letters, the commonest typo, is two edits).
 */
export const FUZZY_MIN_LENGTH = 5;
const fuzzyEdits = (word: string) => (word.length >= 7 ? 2 : 1);

interface IndexedArticle {
  article: Article;
  revision: string;
}

interface Analysis {
  fields: Record<Field, string>;
  /** Distinct folded words, for spelling suggestions. */
  words: Set<string>;
}

export interface SyncReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

function fieldTexts(article: Article): Record<Field, string> {
  return {
    headline: article.headline,
    // Tags are separate phrases: "Space | Weather" must not make the phrase "space weather".
    tags: article.tags.map((tag) => tag.name).join(' | '),
    standfirst: article.standfirst,
    body: markdownToPlainText(article.body),
  };
}

function analyse(article: Article): Analysis {
  const texts = fieldTexts(article);
  const words = new Set<string>();
  const fields = {} as Record<Field, string>;
  for (const field of FIELDS) {
    const stems: string[] = [];
    for (const { word } of tokenize(texts[field])) {
      const term = termOf(word);
      if (term === undefined) continue;
      words.add(word);
      stems.push(term);
    }
    fields[field] = stems.join(' ');
  }
  return { fields, words };
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

/** Words inside a quoted phrase are always required; the others may be relaxed. */
function phraseAndLooseWords(query: ParsedQuery): { inPhrases: QueryWord[]; loose: QueryWord[] } {
  const phraseWords = new Set(query.phrases.flat());
  return {
    inPhrases: query.words.filter((word) => phraseWords.has(word.word)),
    loose: query.words.filter((word) => !phraseWords.has(word.word)),
  };
}

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
export class MiniSearchEngine implements SearchEngine {
  private readonly index = new MiniSearch<{ id: string; publishedTime: number } & Record<Field, string>>({
    fields: FIELDS,
    // On every result, so ranking and sorting by date need no look-up per result.
    storeFields: ['publishedTime'],
    // Documents arrive analysed (see analyse): their fields are index terms joined by spaces.
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
    const { fields, words } = analyse(article);
    this.index.add({ id: article.path, publishedTime: article.publishedTime, ...fields });
    this.vocabulary.add(words);
    this.articles.set(article.path, { article, revision });
  }

  private remove(article: Article): void {
    this.index.discard(article.path);
    this.articles.delete(article.path);
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    return this.searchNow(request);
  }

  /** The same as search, synchronously (the index is in memory): for benchmarks and tests. */
  searchNow(request: SearchRequest): SearchResults {
    const { query, pageSize } = request;
    if (!hasSearchTerms(query)) return { hits: [], total: 0, page: 1, totalPages: 1, partial: false };

    // The words as typed first, so "storm" never brings "store". When they find nothing: the
    // closest spellings the stories use, then typo tolerance, then stories with some of the words.
    let partial = false;
    let correction: string | undefined;
    let suggestion: string | undefined;
    let results = this.run(request, 'all', false);
    const respelt = results.length === 0 ? this.respell(query) : undefined;
    if (respelt) {
      const found = this.run({ ...request, query: parseQuery(respelt.text) }, 'all', false);
      // Only words of typo-tolerance length are corrected silently; a short one ("dmx") is offered.
      if (found.length > 0 && respelt.silently) [results, correction] = [found, respelt.text];
      else if (found.length > 0) suggestion = respelt.text;
    }
    if (results.length === 0 && query.words.some(({ word }) => word.length >= FUZZY_MIN_LENGTH)) results = this.run(request, 'all', true);
    if (results.length === 0 && query.words.length > 1 && phraseAndLooseWords(query).loose.length > 0) {
      results = this.run(request, 'some', true);
      partial = results.length > 0;
    }
    if (request.sort === 'newest') results.sort((a, b) => publishedTime(b) - publishedTime(a) || (a.id < b.id ? -1 : 1));

    const total = results.length;
    const totalPages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(1, request.page), totalPages);
    const hits = results.slice((page - 1) * pageSize, page * pageSize).map((result) => {
      const { article } = this.articles.get(result.id)!;
      const matched = new Set(result.terms);
      const snippet = buildSnippet(markdownToPlainText(article.body), (token) => {
        const term = termOf(token.word);
        return term !== undefined && matched.has(term) ? term : undefined;
      });
      return { article, snippet };
    });
    return { hits, total, page, totalPages, partial, correction, suggestion };
  }

  /**
   * Stories with every word ("all") or, when none has, with the phrases and at least one other
   * word ("some"), forgiving typos or not; never with an excluded word or phrase, always within
   * the filters.
   */
  private run(request: SearchRequest, mode: 'all' | 'some', forgiveTypos: boolean): SearchResult[] {
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

  /**
   * The query with each word no story uses replaced by the closest spelling that one does;
   * `silently` when every replaced word is long enough for typo tolerance.
   */
  private respell(query: ParsedQuery): { text: string; silently: boolean } | undefined {
    const replacements = new Map<string, string>();
    for (const { word } of [...query.words, ...query.excludedWords]) {
      if (this.vocabulary.has(word)) continue;
      const corrected = this.vocabulary.correct(word);
      if (corrected) replacements.set(word, corrected);
    }
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
}
