import type { Article } from '../content/types';
import { analyseFields, searchFieldTexts } from './documents';

/**
 * The PostgreSQL search index (db/migrations/002_search.sql), written from validated articles in
 * the publish transaction that stores them (lib/store/postgres.ts writeVersion), so the index
 * is always the store's: every instance searches the same stories, and a publish, edit or
 * withdrawal is searchable the moment it commits.
 */

/** What ts_headline wraps matched words in: private-use characters, removed from indexed text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
/** The marks, and controls PostgreSQL text cannot hold (NUL) or that no reader sees. */
const UNINDEXABLE = /[\uE000\uE001\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Nobody types a longer word; leaving such tokens out keeps the vocabulary's trigram index small. */
const MAX_VOCABULARY_WORD = 40;
/** Rows per INSERT statement: bounded parameter size for a full re-index. */
const BATCH = 500;
const WORD_BATCH = 10_000;

/** A pool or a client in a transaction: what search's SQL runs on. */
export interface Queryable {
  query<R extends object = object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

interface SearchRow {
  slug: string;
  section: string;
  authors: string[];
  tags: string[];
  published_at: string;
  revision: string;
  headline: string;
  tag_names: string;
  standfirst: string;
  body: string;
}

function searchRow(article: Article): { row: SearchRow; words: Set<string> } {
  const texts = searchFieldTexts(article);
  const clean = (text: string) => text.replace(UNINDEXABLE, ' ');
  const row: SearchRow = {
    slug: article.slug,
    section: article.section,
    authors: article.authors,
    tags: article.tags.map((tag) => tag.slug),
    published_at: new Date(article.publishedTime).toISOString(),
    revision: article.revision,
    headline: clean(texts.headline),
    tag_names: clean(texts.tags),
    standfirst: clean(texts.standfirst),
    body: clean(texts.body),
  };
  return { row, words: analyseFields(texts).words };
}

/**
 * Brings the index in line with these articles, in the caller's transaction: published ones
 * (embargoed included: queries leave out what is not yet public) are written when new or of a
 * new revision, drafts and withdrawn ones removed. `replaceAll` first empties the index, for a
 * store whose whole content is replaced. `wordCounts`: the vocabulary's counts are added there
 * for the caller to write once (writeWordCounts), not written now: a full load indexes a batch
 * at a time, and writing each batch's words updated every common word once per batch, leaving
 * dead row versions that slowed each batch more than the last. Returns how many documents were
 * (re)written.
 */
export async function indexForSearch(
  db: Queryable,
  articles: readonly Article[],
  { replaceAll = false, wordCounts }: { replaceAll?: boolean; wordCounts?: Map<string, number> } = {},
): Promise<number> {
  // DELETE, not TRUNCATE: searches go on reading the old index (MVCC) until this transaction commits.
  if (replaceAll) await db.query('DELETE FROM search_documents; DELETE FROM search_words');
  const unlisted = articles.filter((article) => article.status !== 'published').map((article) => article.slug);
  if (unlisted.length && !replaceAll) await db.query('DELETE FROM search_documents WHERE slug = ANY($1::text[])', [unlisted]);

  const listed = articles.filter((article) => article.status === 'published').map(searchRow);
  // Only a new revision's words count again, so re-saving a story leaves the vocabulary alone.
  const counts = wordCounts ?? new Map<string, number>();
  let written = 0;
  for (let start = 0; start < listed.length; start += BATCH) {
    const batch = listed.slice(start, start + BATCH);
    const { rows } = await db.query<{ slug: string }>(
      `INSERT INTO search_documents (slug, section, authors, tags, published_at, revision, headline, tag_names, standfirst, body)
       SELECT slug, section, authors, tags, published_at, revision, headline, tag_names, standfirst, body
       FROM jsonb_to_recordset($1::jsonb) AS r(slug text, section text, authors text[], tags text[], published_at timestamptz,
         revision text, headline text, tag_names text, standfirst text, body text)
       ON CONFLICT (slug) DO UPDATE SET section = excluded.section, authors = excluded.authors, tags = excluded.tags,
         published_at = excluded.published_at, revision = excluded.revision, headline = excluded.headline,
         tag_names = excluded.tag_names, standfirst = excluded.standfirst, body = excluded.body
       WHERE search_documents.revision IS DISTINCT FROM excluded.revision
       RETURNING slug`,
      [JSON.stringify(batch.map(({ row }) => row))],
    );
    const changed = new Set(rows.map((row) => row.slug));
    for (const { row, words } of batch) {
      if (!changed.has(row.slug)) continue;
      for (const word of words) if (word.length <= MAX_VOCABULARY_WORD) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    written += changed.size;
  }
  if (!wordCounts) await writeWordCounts(db, counts);
  return written;
}

/** Adds these counts to the vocabulary: each word once, in a fixed order, however many stories use it. */
export async function writeWordCounts(db: Queryable, wordCounts: Map<string, number>): Promise<void> {
  const words = [...wordCounts.keys()].sort();
  for (let start = 0; start < words.length; start += WORD_BATCH) {
    const slice = words.slice(start, start + WORD_BATCH);
    await db.query(
      `INSERT INTO search_words (word, stories) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (word) DO UPDATE SET stories = search_words.stories + excluded.stories`,
      [slice, slice.map((word) => wordCounts.get(word))],
    );
  }
}
