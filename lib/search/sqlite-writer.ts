import type { Article, Tag } from '../content/types';
import { analyseFields, SEARCH_FIELDS, searchFieldTexts } from './documents';
import type { SearchIndexDatabase, SearchIndexStatement } from './sqlite-index';

/**
 * The writing side of the embedded index (lib/search/sqlite-index.ts): stories analysed and
 * written, removed, and their words counted. It runs in the index's worker thread
 * (lib/search/index-worker.ts), which reads each body from the content folder, or, for an index
 * in memory or when the worker cannot run, on the serving thread itself (SqliteSearchEngine).
 */

/** Nobody types a longer word; leaving such tokens out keeps the vocabulary small. */
const MAX_VOCABULARY_WORD = 40;
/** Word counts are written in transactions of this many words. */
const WORDS_PER_WRITE = 5_000;

/**
 * What indexing needs of a story besides its body: small, so that the serving thread can hand
 * it to the worker without reading the body (`sourceFile` says where the body is).
 */
export interface IndexDocument {
  slug: string;
  revision: string;
  section: string;
  published: number;
  authors: string[];
  tags: Tag[];
  headline: string;
  standfirst: string;
  /** The story's file, relative to the content folder. */
  sourceFile: string;
}

/** A story as indexing needs it; never reads `article.body` (a getter that reads the file on the folder default). */
export function indexDocument(article: Article): IndexDocument {
  const { slug, revision, section, publishedTime, authors, tags, headline, standfirst, sourceFile } = article;
  return { slug, revision, section, published: publishedTime, authors, tags, headline, standfirst, sourceFile };
}

export const padded = (ids: string[]) => ` ${ids.join(' ')} `;

export class SearchIndexWriter {
  private readonly statements = new Map<string, SearchIndexStatement>();
  /** Words of stories written by this writer and not yet counted in the file, and those stories. */
  private waitingWords = new Map<string, number>();
  private waitingIds = new Set<number>();
  /** PRAGMA data_version as last seen in one of this writer's transactions, and whether another connection wrote in between. */
  private seenVersion: number | undefined;
  private othersWrote = false;

  constructor(private db: SearchIndexDatabase) {}

  /** A new file in place of a damaged one: nothing waits to be counted in it. */
  reset(db: SearchIndexDatabase): void {
    this.db = db;
    this.statements.clear();
    [this.waitingWords, this.waitingIds, this.seenVersion, this.othersWrote] = [new Map(), new Set(), undefined, false];
  }

  get database(): SearchIndexDatabase {
    return this.db;
  }

  /** Words wait to be counted (countWords). */
  get wordsWaiting(): number {
    return this.waitingWords.size;
  }

  private statement(sql: string): SearchIndexStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * One write transaction, taken at once (BEGIN IMMEDIATE) so that another writer makes it wait,
   * not fail. PRAGMA data_version changes only with other connections' commits: looked at inside
   * each transaction, it tells whether anyone else wrote since this writer's previous one.
   */
  write(work: () => void): void {
    this.db
      .transaction(() => {
        const version = this.dataVersion();
        if (this.seenVersion !== undefined && version !== this.seenVersion) this.othersWrote = true;
        this.seenVersion = version;
        work();
      })
      .immediate();
  }

  /** True when another connection (another process) wrote the file since this writer last looked; then forgotten. */
  takeOthersWrote(): boolean {
    const version = this.dataVersion();
    const wrote = this.othersWrote || (this.seenVersion !== undefined && version !== this.seenVersion);
    [this.seenVersion, this.othersWrote] = [version, false];
    return wrote;
  }

  /**
   * What the index holds, by slug. A story written but whose words were never counted (a
   * server stopped during a sync) is left out, so that it is written, and counted, again.
   */
  readRevisions(): Map<string, string> {
    const uncounted = new Set(this.statement('SELECT id FROM uncounted').pluck().all() as number[]);
    const revisions = new Map<string, string>();
    for (const [id, slug, revision] of this.statement('SELECT id, slug, revision FROM stories').raw().iterate() as Iterable<[number, string, string]>) {
      if (!uncounted.has(id) || this.waitingIds.has(id)) revisions.set(slug, revision);
    }
    return revisions;
  }

  remove(slugs: readonly string[]): void {
    const find = this.statement('SELECT id FROM stories WHERE slug = ?');
    for (const slug of slugs) {
      const row = find.get(slug) as { id: number } | undefined;
      if (row) {
        this.statement('DELETE FROM story_terms WHERE rowid = ?').run(row.id);
        this.statement('DELETE FROM stories WHERE id = ?').run(row.id);
        this.statement('DELETE FROM uncounted WHERE id = ?').run(row.id);
      }
    }
  }

  /**
   * Analyses and writes a story, unless the file holds it at this revision already: it is checked
   * against the file, not only against what this process last saw, since another server on the
   * same folder may have written it. The body is asked for only then. Its words wait in memory
   * (countWords); until they are counted the story is listed in `uncounted`, in the same transaction.
   */
  store(document: IndexDocument, body: () => string): void {
    const { slug, revision } = document;
    const existing = this.statement(
      'SELECT s.id, s.revision, EXISTS (SELECT 1 FROM uncounted u WHERE u.id = s.id) AS uncounted FROM stories s WHERE s.slug = ?',
    ).get(slug) as { id: number; revision: string; uncounted: number } | undefined;
    const counted = existing && (!existing.uncounted || this.waitingIds.has(existing.id));
    if (existing?.revision === revision && counted) return;
    const { stems, words } = analyseFields(searchFieldTexts({ headline: document.headline, standfirst: document.standfirst, tags: document.tags, body: body() }));
    const values = [revision, document.section, document.published, padded(document.authors), padded(document.tags.map((tag) => tag.slug))];
    let id: number;
    if (existing) {
      id = existing.id;
      this.statement('DELETE FROM story_terms WHERE rowid = ?').run(id);
      this.statement('UPDATE stories SET revision = ?, section = ?, published = ?, authors = ?, tags = ? WHERE id = ?').run(...values, id);
    } else {
      id = Number(this.statement('INSERT INTO stories (slug, revision, section, published, authors, tags) VALUES (?, ?, ?, ?, ?, ?)').run(slug, ...values).lastInsertRowid);
    }
    this.statement('INSERT INTO story_terms (rowid, headline, tags, standfirst, body) VALUES (?, ?, ?, ?, ?)').run(id, ...SEARCH_FIELDS.map((field) => stems[field]));
    // Only a new revision's words count again, so re-saving a story leaves the vocabulary alone.
    this.statement('INSERT OR IGNORE INTO uncounted (id) VALUES (?)').run(id);
    this.waitingIds.add(id);
    for (const word of words) if (word.length <= MAX_VOCABULARY_WORD) this.waitingWords.set(word, (this.waitingWords.get(word) ?? 0) + 1);
  }

  /**
   * Adds the waiting word counts to the vocabulary, a transaction at a time (`between` them, the
   * serving thread's event loop turns), then marks their stories counted. Returns the words counted.
   */
  async countWords(between?: () => Promise<unknown>): Promise<[string, number][]> {
    if (this.waitingIds.size === 0) return [];
    const words = [...this.waitingWords];
    const ids = [...this.waitingIds];
    this.waitingWords = new Map();
    this.waitingIds = new Set();
    const count = this.statement('INSERT INTO words (word, stories) VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET stories = stories + excluded.stories');
    for (let start = 0; start < Math.max(words.length, ids.length); start += WORDS_PER_WRITE) {
      this.write(() => {
        for (const [word, stories] of words.slice(start, start + WORDS_PER_WRITE)) count.run(word, stories);
        for (const id of ids.slice(start, start + WORDS_PER_WRITE)) this.statement('DELETE FROM uncounted WHERE id = ?').run(id);
      });
      if (between && start + WORDS_PER_WRITE < Math.max(words.length, ids.length)) await between();
    }
    return words;
  }
}
