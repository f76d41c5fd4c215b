import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from '../content/types';
import { heavyWorkSlot } from '../heavy-work';
import { termOf } from './analysis';
import { SEARCH_FIELDS, type SearchField } from './documents';
import type { SearchEngine, SearchFilters, SearchRequest, SearchResults } from './engine';
import { containsPhrase, phraseMatcher } from './phrases';
import { markdownToPlainText } from './plain-text';
import type { ParsedQuery, QueryWord } from './query';
import { buildSnippet } from './snippet';
import { IndexWorker, IndexWorkerFailed, type StartIndexWorker } from './index-worker-client';
import type { CountedWords } from './index-worker-protocol';
import { isCorruption, openSearchIndex, replaceSearchIndex, type SearchIndexDatabase, type SearchIndexStatement } from './sqlite-index';
import { indexDocument, padded, SearchIndexWriter } from './sqlite-writer';
import {
  clampPage,
  fuzzyEdits,
  FUZZY_MIN_LENGTH,
  MAX_TYPO_ALTERNATIVES,
  phraseAndLooseWords,
  RECENCY,
  RECENCY_RATE,
  searchWithFallbacks,
  type MatchedPage,
  type Matcher,
  type MatchMode,
} from './strategy';
import { Vocabulary } from './vocabulary';

/**
 * The embedded engine: SQLite FTS5 in a file beside the server (lib/search/sqlite-index.ts), fed
 * our own analysis, kept up to date incrementally from the content repository (`sync`), with no
 * service to run. Its memory is SQLite's small page cache, a map of the current articles and,
 * once a search needs it, the vocabulary; the index itself stays on disk. Stories of an index
 * file are read, analysed and written in a worker thread (lib/search/index-worker.ts), so that
 * the thread serving requests only compares revisions and searches (decision 35).
 */

/** How much a match in each field counts: FTS5's bm25() column weights, in SEARCH_FIELDS order. */
const FIELD_WEIGHTS: Record<SearchField, number> = { headline: 4, tags: 3, standfirst: 2, body: 1 };
const BM25 = `bm25(story_terms, ${SEARCH_FIELDS.map((field) => FIELD_WEIGHTS[field]).join(', ')})`;

/**
 * Indexing works in slices of about this long (analysing and writing stories; the commit comes
 * on top), each its own transaction, with the event loop free between them: a first build of a
 * large archive never holds up page requests for long.
 */
const SLICE_MS = 25;
/**
 * A search waits for a sync of at most this many changed stories (an edit, a publish, a small
 * import), so the change is searchable at once; a larger one (the first build of an archive)
 * goes on in the background while searches answer from the index as it stands, newest stories
 * first indexed.
 */
const WAIT_FOR_AT_MOST = 500;
/**
 * Word counts are added up in memory across slices and written once at the end of a sync (or
 * when this many words wait), in transactions of 5,000 words: a slice of a first build brings
 * thousands of words, mostly the same ones again. (The worker does the same: lib/search/index-worker.ts.)
 */
const WORDS_WAITING = 100_000;
/** New words that the vocabulary in memory takes in; past this it is dropped and read again when next needed. */
const VOCABULARY_FOLLOWS = 10_000;
/**
 * Stories per message to the worker (about 0.1 s of its work), and messages sent ahead of its
 * replies: enough to keep it busy, few enough that a newer sync (a publish during a first build)
 * goes ahead of the rest within a fraction of a second.
 */
const WORKER_BATCH = 100;
const WORKER_BATCHES_IN_FLIGHT = 2;

export interface SqliteSearchOptions {
  /** The content folder the articles' `sourceFile`s are relative to: where the worker reads bodies. */
  contentDir?: string;
  /**
   * Starts the index's worker thread (lib/search/index-worker-start.ts; routes get the production
   * server's through offeredIndexWorker). With it and `contentDir`, a file index is written by the worker.
   */
  startWorker?: StartIndexWorker;
}

/** The public story with this slug, or undefined. */
export type ArticleBySlug = (slug: string) => Article | undefined;

export interface SyncReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** An FTS5 string: the terms are ours, but quoting them keeps any character from being syntax. */
const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
const any = (terms: string[]) => (terms.length === 1 ? quote(terms[0]) : `(${terms.map(quote).join(' OR ')})`);
/** The stems of a phrase in order: its words as the index has them (stop words are not there). */
const phraseTerms = (phrase: string[]) => phrase.flatMap((word) => termOf(word) ?? []);
const ftsPhrase = (terms: string[]) => terms.map(quote).join(' + ');

interface MatchRow {
  slug: string;
  published: number;
  rank: number;
}

interface FoundPage {
  articles: Article[];
  total: number;
  page: number;
}

interface Ranked {
  article: Article;
  published: number;
  score: number;
}

export class SqliteSearchEngine implements SearchEngine, Matcher {
  /** The public story with a slug in the content of the latest sync: hits are these objects. */
  private lookup: ArticleBySlug = () => undefined;
  private target: readonly Article[] | undefined;
  /** Slug to revision of what the index holds; read from the file when first needed. */
  private revisions: Map<string, string> | undefined;
  private vocabulary: Vocabulary | undefined;
  /** SQLite's data_version when last looked at: it changes when another connection writes the file. */
  private dataVersion: number;
  /** True while a sync runs; `running` is its promise, `planned` settles once it knows how much it has to write. */
  private syncing = false;
  private running: Promise<SyncReport> | undefined;
  private planned: Promise<void> = Promise.resolve();
  private runningIsSmall = false;
  /** Counts replacements of a damaged file: a sync planned against the old one starts over. */
  private generation = 0;
  /** Settles once a damaged file has been replaced (by the worker). */
  private replacing: Promise<void> | undefined;
  private closed = false;
  private readonly statements = new Map<string, SearchIndexStatement>();
  /** Writes the index on this thread: an index in memory, or when the worker cannot run. */
  private readonly writer: SearchIndexWriter;
  /** Analyses and writes the index in a thread of its own, reading bodies from the content folder. */
  private worker: IndexWorker | undefined;

  private constructor(
    private db: SearchIndexDatabase,
    options: SqliteSearchOptions,
  ) {
    this.dataVersion = this.readDataVersion();
    this.writer = new SearchIndexWriter(db);
    if (options.contentDir !== undefined && db.name !== ':memory:') {
      const started = options.startWorker ? IndexWorker.start(options.startWorker, { file: db.name, contentDir: options.contentDir }) : { unavailable: 'none offered: not the production server' };
      if (started instanceof IndexWorker) this.worker = started;
      else console.warn(`search index ${db.name}: no indexing worker (${started.unavailable}); indexing on the serving thread`);
    }
  }

  /**
   * The index in this file (`:memory:` for one in the process), created or checked and reused.
   * With `contentDir`, the folder the articles' `sourceFile`s are in, and `startWorker`, a file's
   * stories are analysed and written in a worker thread that reads each body from the folder
   * (never `article.body`); without them, or in memory (a database in memory cannot be shared
   * with another thread), on this thread, from `article.body`, in slices of about 25 ms.
   */
  static open(file: string, options: SqliteSearchOptions = {}): SqliteSearchEngine {
    return new SqliteSearchEngine(openSearchIndex(file), options);
  }

  /** An engine over exactly these articles, indexed before it returns (tests, benchmarks). */
  static async of(articles: readonly Article[], file = ':memory:', options: SqliteSearchOptions = {}): Promise<SqliteSearchEngine> {
    const engine = SqliteSearchEngine.open(file, options);
    await engine.sync(articles);
    return engine;
  }

  /** Stories in the index (committed). */
  get size(): number {
    return (this.statement('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
  }

  /** Whether stories are written by the worker thread (false: on this thread). */
  get indexesInWorker(): boolean {
    return this.worker !== undefined;
  }

  close(): void {
    this.closed = true;
    this.worker?.terminate();
    this.db.close();
  }

  private statement(sql: string): SearchIndexStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** What we know of the file is stale: read it again when next needed. */
  private forget(): void {
    this.revisions = undefined;
    this.vocabulary = undefined;
  }

  /**
   * True when another process has written the index since we last looked: what we know of it is
   * stale. Writing on this thread, any change of data_version is another connection's.
   */
  private othersWrote(): boolean {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    this.forget();
    return true;
  }

  /**
   * The same with the worker: data_version also changes with the worker's own writes, so when it
   * changed the worker, whose own connection's data_version changes only with others' writes,
   * is asked. A worker that stopped counts as a yes (indexing moves to this thread, which checks
   * the file again).
   */
  private async othersWroteToWorker(worker: IndexWorker): Promise<boolean> {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    try {
      if (!(await worker.request({ type: 'check' })).othersWrote) return false;
    } catch (error) {
      if (!(error instanceof IndexWorkerFailed)) throw error;
      this.inline(error);
    }
    this.forget();
    return true;
  }

  /** The worker stopped: indexing goes on on this thread, from what the file holds. */
  private inline(error: Error): void {
    if (this.worker) console.warn(`search index ${this.db.name}: ${error.message}; indexing on the serving thread`);
    this.worker?.terminate();
    this.worker = undefined;
    // Stories the worker wrote but did not count are written (and counted) again.
    this.forget();
  }

  /**
   * Brings the index to exactly these articles: stories it lacks or holds at another revision
   * are analysed and written, gone ones removed; the others cost a comparison of revisions. A
   * restart with the file in place therefore indexes only what changed while the server was
   * down. A sync asked for while one runs takes over from it with the newer articles.
   * `lookup` finds these articles by slug (the content repository's own index); without it a
   * map of them is made.
   */
  sync(articles: readonly Article[], lookup?: ArticleBySlug): Promise<SyncReport> {
    this.target = articles;
    if (lookup) this.lookup = lookup;
    else {
      const bySlug = new Map(articles.map((article) => [article.slug, article]));
      this.lookup = (slug) => bySlug.get(slug);
    }
    if (!this.syncing) {
      this.syncing = true;
      this.running = this.runSync();
    }
    return this.running!;
  }

  /** A damaged file found in use: replaced by an empty one, to be indexed again. */
  private replace(error: unknown): Promise<void> {
    console.error(`search index ${this.db.name}: ${(error as Error).message}; rebuilding it from the content`);
    this.statements.clear();
    this.forget();
    this.generation++;
    const reopened = (db: SearchIndexDatabase) => {
      this.db = db;
      this.writer.reset(db);
      this.dataVersion = this.readDataVersion();
    };
    const worker = this.worker;
    if (!worker) {
      reopened(replaceSearchIndex(this.db));
      return Promise.resolve();
    }
    // Both connections closed before the file goes: the worker deletes it and creates a new one.
    const file = this.db.name;
    this.db.close();
    this.replacing = worker
      .request({ type: 'replace' })
      .then(
        () => reopened(openSearchIndex(file)),
        (failure: unknown) => {
          if (failure instanceof IndexWorkerFailed) this.inline(failure);
          reopened(replaceSearchIndex(this.db));
        },
      )
      .finally(() => (this.replacing = undefined));
    return this.replacing;
  }

  private async runSync(): Promise<SyncReport> {
    let replaced = false;
    let plan!: () => void;
    this.planned = new Promise<void>((resolve) => (plan = resolve));
    try {
      for (;;) {
        // A damaged file being replaced (found by a search): start on the new one.
        if (this.replacing) await this.replacing;
        const [articles, generation] = [this.target!, this.generation];
        try {
          const report = this.worker ? await this.syncInWorker(this.worker, articles, generation, plan) : await this.syncTo(articles, generation, plan);
          // Still the latest articles: done. Checked after the await, and `syncing` cleared in
          // this same turn, so a sync asked for from now on starts anew.
          if (report && this.target === articles && this.generation === generation) return report;
        } catch (error) {
          if (this.closed) throw error;
          if (error instanceof IndexWorkerFailed) this.inline(error);
          // The file was replaced meanwhile: the error was the old file's.
          else if (this.generation !== generation) continue;
          else if (!isCorruption(error) || replaced) throw error;
          else {
            await this.replace(error);
            replaced = true;
          }
        }
      }
    } finally {
      this.syncing = false;
      plan();
    }
  }

  /** What a sync to these articles has to do, against what the index holds. */
  private planSync(articles: readonly Article[], revisions: Map<string, string>): { report: SyncReport; changed: Article[]; gone: string[] } {
    const report: SyncReport = { added: 0, updated: 0, removed: 0, unchanged: 0 };
    const changed: Article[] = [];
    for (const article of articles) {
      const revision = revisions.get(article.slug);
      if (revision === article.revision) report.unchanged++;
      else {
        changed.push(article);
        if (revision === undefined) report.added++;
        else report.updated++;
      }
    }
    // Stories the index holds that these articles lack: none when every one it holds was matched.
    const gone = revisions.size === report.unchanged + report.updated ? [] : [...revisions.keys()].filter((slug) => !this.lookup(slug));
    report.removed = gone.length;
    this.runningIsSmall = changed.length + gone.length <= WAIT_FOR_AT_MOST;
    return { report, changed, gone };
  }

  /** One pass towards these articles on this thread; undefined when newer ones arrived (or the file was replaced) meanwhile. */
  private async syncTo(articles: readonly Article[], generation: number, plan: () => void): Promise<SyncReport | undefined> {
    this.othersWrote();
    const revisions = (this.revisions ??= this.writer.readRevisions());
    const { report, changed, gone } = this.planSync(articles, revisions);
    plan();
    if (gone.length) {
      this.writer.write(() => this.writer.remove(gone));
      for (const slug of gone) revisions.delete(slug);
    }
    const current = () => this.target === articles && this.generation === generation;
    let next = 0;
    while (next < changed.length && current()) {
      // A slice: stories analysed and written one by one in one transaction, so that what the
      // analysis of one story allocates is garbage at once (held over a slice, it would outlive
      // young-generation collections and pile up in the old generation: gigabytes in a first build).
      const started = performance.now();
      this.writer.write(() => {
        do {
          const article = changed[next++];
          this.writer.store(indexDocument(article), () => article.body);
          this.revisions?.set(article.slug, article.revision);
        } while (next < changed.length && performance.now() - started < SLICE_MS);
      });
      if (this.writer.wordsWaiting >= WORDS_WAITING) await this.countWords();
      if (next < changed.length) await nextTurn();
    }
    await this.countWords();
    return current() ? report : undefined;
  }

  /**
   * One pass towards these articles through the worker: this thread compares revisions and sends
   * what changed, a batch at a time (two in flight, so that a newer sync takes over within a
   * batch or two), never reading a body; the worker reads, analyses and writes them, each batch
   * one transaction. Undefined when newer articles arrived, the file was replaced, or another
   * process wrote meanwhile (the next pass checks against the file as it is).
   */
  private async syncInWorker(worker: IndexWorker, articles: readonly Article[], generation: number, plan: () => void): Promise<SyncReport | undefined> {
    const current = () => this.target === articles && this.generation === generation;
    await worker.ready;
    await this.othersWroteToWorker(worker);
    if (!this.revisions) {
      const held = await worker.request({ type: 'revisions' });
      if (!current()) return undefined;
      this.revisions = new Map(held.slugs.map((slug, i) => [slug, held.revisions[i]]));
    }
    const { report, changed, gone } = this.planSync(articles, this.revisions);
    plan();
    // A first build (or a large catch-up) waits for other heavy work; a publish's few stories never do.
    const free = this.runningIsSmall ? () => undefined : await heavyWorkSlot();
    try {
      return await this.writeInWorker(worker, { report, changed, gone }, current, generation);
    } finally {
      free();
    }
  }

  private async writeInWorker(
    worker: IndexWorker,
    { report, changed, gone }: ReturnType<SqliteSearchEngine['planSync']>,
    current: () => boolean,
    generation: number,
  ): Promise<SyncReport | undefined> {
    const inFlight: Promise<void>[] = [];
    let remove = gone;
    for (let next = 0; (next < changed.length || remove.length > 0) && current(); ) {
      const stories = changed.slice(next, (next += WORKER_BATCH));
      const removed = remove;
      remove = [];
      const batch = worker.request({ type: 'batch', remove: removed, documents: stories.map(indexDocument) }).then(({ counted }) => {
        if (this.generation !== generation) return;
        for (const slug of removed) this.revisions?.delete(slug);
        for (const story of stories) this.revisions?.set(story.slug, story.revision);
        this.follow(counted);
      });
      // Awaited below; a failure while another is awaited is not unhandled.
      batch.catch(() => undefined);
      inFlight.push(batch);
      if (inFlight.length >= WORKER_BATCHES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    if (!current()) return undefined;
    // Every write of the worker's is in data_version now; one by anyone else from here on is
    // asked about before the next search (othersWroteToWorker).
    this.dataVersion = this.readDataVersion();
    const { counted, othersWrote } = await worker.request({ type: 'finish' });
    if (this.generation === generation) this.follow(counted);
    if (othersWrote) {
      this.forget();
      return undefined;
    }
    return current() ? report : undefined;
  }

  /** The vocabulary in memory follows small changes; after a large one it is read again when needed. */
  private follow(counted: CountedWords): void {
    if (counted === 'many') this.vocabulary = undefined;
    else if (counted?.length) this.vocabulary?.addCounts(counted);
  }

  /** Adds the waiting word counts to the vocabulary (on this thread), a transaction at a time. */
  private async countWords(): Promise<void> {
    const words = await this.writer.countWords(() => nextTurn());
    this.follow(words.length <= VOCABULARY_FOLLOWS ? words : 'many');
  }

  /** The vocabulary, read from the file when first needed (and again after another process wrote it). */
  private words(): Vocabulary {
    return (this.vocabulary ??= Vocabulary.of(this.statement('SELECT word, stories FROM words').raw().iterate() as Iterable<[string, number]>));
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    if (this.replacing) await this.replacing;
    const { db } = this;
    try {
      return await this.searchOnce(request);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      // This search fails (the page says so); the index is rebuilt in the background.
      if (this.db === db && !this.replacing) await this.replace(error);
      if (this.target) this.syncInBackground(this.target, this.lookup);
      throw error;
    }
  }

  /** A sync nobody waits for: a failure is logged (and the next search waiting for a sync sees it). */
  syncInBackground(articles: readonly Article[], lookup?: ArticleBySlug): void {
    this.sync(articles, lookup).catch((error: unknown) => {
      if (!this.closed) console.error('search index sync failed:', error);
    });
  }

  private async searchOnce(request: SearchRequest): Promise<SearchResults> {
    // Another server on this folder wrote the file: make sure it holds our articles.
    const othersWrote = this.worker ? !this.syncing && (await this.othersWroteToWorker(this.worker)) : this.othersWrote();
    if (othersWrote && this.target && !this.syncing) this.syncInBackground(this.target, this.lookup);
    if (this.syncing) {
      // A small sync (a publish, an edit) is waited for, so the change is found; a large one is not.
      await this.planned;
      if (this.syncing && this.runningIsSmall) await this.running;
    }
    return searchWithFallbacks(this, request);
  }

  async respellings(words: string[]): Promise<Map<string, string>> {
    const replacements = new Map<string, string>();
    const vocabulary = this.words();
    for (const word of words) {
      if (vocabulary.has(word)) continue;
      const corrected = vocabulary.correct(word);
      if (corrected) replacements.set(word, corrected);
    }
    return replacements;
  }

  /** The terms a loose word may match: its own, and with typos forgiven those of close words stories use. */
  private termsOf({ word, term }: QueryWord, forgiveTypos: boolean): string[] {
    if (!forgiveTypos || word.length < FUZZY_MIN_LENGTH) return [term];
    const close = this.words()
      .within(word, fuzzyEdits(word))
      .filter((found) => found.word !== word)
      .slice(0, MAX_TYPO_ALTERNATIVES)
      .flatMap((found) => termOf(found.word) ?? []);
    return [...new Set([term, ...close])];
  }

  /**
   * The FTS5 query for a request ("all": the phrases and every word; "some": the phrases and
   * any word), and every term it can match, for the snippets. Excluded words are left out with
   * NOT; excluded phrases are checked word for word (excludedIds).
   */
  private ftsQuery(query: ParsedQuery, mode: MatchMode, forgiveTypos: boolean): { match: string; terms: Set<string> } {
    const { loose } = phraseAndLooseWords(query);
    const terms = new Set(query.words.map(({ term }) => term));
    const parts = query.phrases.map(phraseTerms).filter((stems) => stems.length > 0).map(ftsPhrase);
    const looseParts = loose.map((word) => {
      const alternatives = this.termsOf(word, forgiveTypos);
      for (const term of alternatives) terms.add(term);
      return any(alternatives);
    });
    if (mode === 'all') parts.push(...looseParts);
    else if (looseParts.length) parts.push(`(${looseParts.join(' OR ')})`);
    let match = parts.join(' AND ');
    if (query.excludedWords.length) match = `(${match}) NOT ${any(query.excludedWords.map(({ term }) => term))}`;
    return { match, terms };
  }

  /** Stories (by id) that have one of the excluded phrases word for word; undefined when one cannot be looked up in the index. */
  private excludedIds(query: ParsedQuery): Set<number> | undefined {
    const ids = new Set<number>();
    for (const phrase of query.excludedPhrases) {
      const stems = phraseTerms(phrase);
      if (stems.length === 0) return undefined;
      const matches = phraseMatcher(phrase);
      const rows = this.statement('SELECT s.id, s.slug FROM story_terms JOIN stories s ON s.id = story_terms.rowid WHERE story_terms MATCH ?').all(ftsPhrase(stems)) as {
        id: number;
        slug: string;
      }[];
      for (const { id, slug } of rows) {
        const article = this.lookup(slug);
        if (article && containsPhrase(article, matches)) ids.add(id);
      }
    }
    return ids;
  }

  async match(request: SearchRequest, mode: MatchMode, forgiveTypos: boolean): Promise<MatchedPage> {
    const { query, pageSize } = request;
    const { match, terms } = this.ftsQuery(query, mode, forgiveTypos);
    if (!match) return { hits: [], total: 0, page: 1 };
    const excluded = this.excludedIds(query);
    // Without phrases to check word for word, SQLite counts, ranks and pages by itself; a page
    // with a story the content no longer has (a sync still running) is done the long way.
    const found = (query.phrases.length === 0 && excluded && this.pageInSql(request, match, excluded)) || this.pageInJs(request, match, excluded);
    const hits = found.articles.map((article) => ({
      article,
      snippet: buildSnippet(markdownToPlainText(article.body), (token) => {
        const term = termOf(token.word);
        return term !== undefined && terms.has(term) ? term : undefined;
      }),
    }));
    return { hits, total: found.total, page: found.page };
  }

  /** The SQL that finds the matches: FTS5 with the filters and, by id, the stories with an excluded phrase. */
  private matches(request: SearchRequest, match: string, excluded: Set<number> | undefined) {
    const { conditions, values } = filterConditions(request.filters);
    const notExcluded = excluded?.size ? ' AND s.id NOT IN (SELECT value FROM json_each(?))' : '';
    return {
      from: `FROM story_terms JOIN stories s ON s.id = story_terms.rowid WHERE story_terms MATCH ?${conditions}${notExcluded}`,
      values: [match, ...values, ...(notExcluded ? [JSON.stringify([...excluded!])] : [])],
    };
  }

  private pageInSql(request: SearchRequest, match: string, excluded: Set<number>): FoundPage | undefined {
    const { pageSize, now } = request;
    const { from, values } = this.matches(request, match, excluded);
    const { total } = this.statement(`SELECT count(*) AS total ${from}`).get(...values) as { total: number };
    const { page } = clampPage(request.page, total, pageSize);
    // bm25() is lower for a better match, so the best come first in ascending order.
    const order =
      request.sort === 'relevance'
        ? `${BM25} * (1 + ${RECENCY.weight} * exp(-${RECENCY_RATE} * max(0, ? - s.published))), s.published DESC, s.slug`
        : 's.published DESC, s.slug';
    const slugs = this.statement(`SELECT s.slug ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...values, ...(request.sort === 'relevance' ? [now] : []), pageSize, (page - 1) * pageSize) as string[];
    const articles = slugs.map((slug) => this.lookup(slug));
    if (articles.some((article) => article === undefined)) return undefined;
    return { articles: articles as Article[], total, page };
  }

  /**
   * Every match read into JavaScript, checked (phrases word for word, stories the content still
   * has, excluded phrases the index could not look up), ranked and paged.
   */
  private pageInJs(request: SearchRequest, match: string, excluded: Set<number> | undefined): FoundPage {
    const { query, now, pageSize } = request;
    const relevance = request.sort === 'relevance';
    const { from, values } = this.matches(request, match, excluded);
    const rows = this.statement(`SELECT s.slug, s.published, ${relevance ? BM25 : '0'} AS rank ${from}`).all(...values) as MatchRow[];
    const phrases = query.phrases.map(phraseMatcher);
    const excludedPhrases = excluded ? [] : query.excludedPhrases.map(phraseMatcher);
    const ranked: Ranked[] = [];
    for (const row of rows) {
      const article = this.lookup(row.slug);
      if (!article) continue;
      if (!phrases.every((matches) => containsPhrase(article, matches))) continue;
      if (excludedPhrases.some((matches) => containsPhrase(article, matches))) continue;
      // The same order as pageInSql's.
      const score = relevance ? -row.rank * (1 + RECENCY.weight * Math.exp(-RECENCY_RATE * Math.max(0, now - row.published))) : 0;
      ranked.push({ article, published: row.published, score });
    }
    ranked.sort((a, b) => b.score - a.score || b.published - a.published || (a.article.slug < b.article.slug ? -1 : 1));
    const { page } = clampPage(request.page, ranked.length, pageSize);
    return { articles: ranked.slice((page - 1) * pageSize, page * pageSize).map(({ article }) => article), total: ranked.length, page };
  }
}

/** The filters as SQL conditions on `stories s`, each value a bound parameter. */
function filterConditions(filters: SearchFilters): { conditions: string; values: (string | number)[] } {
  const parts: [string, string | number | undefined][] = [
    ['s.section = ?', filters.section],
    ['instr(s.authors, ?) > 0', filters.author === undefined ? undefined : padded([filters.author])],
    ['instr(s.tags, ?) > 0', filters.tag === undefined ? undefined : padded([filters.tag])],
    ['s.published >= ?', filters.from],
    ['s.published < ?', filters.until],
  ];
  const used = parts.filter(([, value]) => value !== undefined);
  return { conditions: used.map(([condition]) => ` AND ${condition}`).join(''), values: used.map(([, value]) => value!) };
}
