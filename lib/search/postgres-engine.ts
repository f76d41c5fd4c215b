import type { Article } from '../content/types';
import type { SearchEngine, SearchFilters, SearchRequest, SearchResults } from './engine';
import { MARK_END, MARK_START, type Queryable } from './postgres-index';
import type { ParsedQuery, QueryWord } from './query';
import { appendSegment, type HighlightedText } from './snippet';
import { clampPage, fuzzyEdits, FUZZY_MIN_LENGTH, MAX_TYPO_ALTERNATIVES, phraseAndLooseWords, RECENCY, RECENCY_RATE, searchWithFallbacks, type MatchedPage, type Matcher, type MatchMode } from './strategy';

/**
 * PostgreSQL full-text search (DATABASE_URL): the weighted `tsvector` of db/migrations/002_search.sql
 * with its GIN index, queries made of `websearch_to_tsquery` parts, `ts_rank` with the recency
 * boost, `ts_headline` snippets, and `pg_trgm` trigram similarity (then edit distance) for
 * spellings and typos. Every instance asks the same database, so all answer alike. The reader's
 * text never becomes SQL: each word or phrase is a bound parameter.
 */

/** A public story by section and slug, from the instance's content (undefined if not public there). */
export type ArticleLookup = (section: string, slug: string) => Article | undefined;

/**
 * ts_rank's weights for D (body), C (standfirst), B (topics), A (headline): 1:2:3:4, as the
 * embedded engine's field boosts.
 */
const RANK_WEIGHTS = '{0.25,0.5,0.75,1}';
/** ts_rank normalisation 1: divided by 1 + log(document length), so a long story's many mentions count less each. */
const RANK_NORMALISATION = 1;
/** About two lines on a phone, three on a desktop, as the embedded engine's snippets. */
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=20, ShortWord=2, MaxFragments=0`;
/**
 * Matches ranked by the whole document: a word most stories use matches thousands, and ranking
 * each by its full tsvector (TOASTed, read from disk) is what makes such a query slow. Fewer
 * matches than this are all ranked fully, so the order is exact; more are first ranked by
 * their lead and only the best this many fully (decision 23).
 */
const RANK_CANDIDATES = 1_000;

/**
 * Trigram candidates (`%`, which uses the GIN index) filtered by edit distance. The similarity
 * threshold is pg_trgm.similarity_threshold, 0.2 on the engine's connections
 * (SEARCH_CONNECTION_OPTIONS): at the default 0.3, "mamy" would not reach "many". The length
 * check comes first because levenshtein refuses words of over 255 characters.
 */
const WITHIN_EDITS = (candidate: string, word: string, edits: string) =>
  `${candidate} % ${word} AND CASE WHEN abs(length(${candidate}) - length(${word})) <= ${edits} THEN levenshtein_less_equal(${candidate}, ${word}, ${edits}) <= ${edits} ELSE false END`;

/**
 * Settings of the connections searches use: the trigram threshold above, and a statement
 * timeout, since a reader waiting longer than that is better told to try again.
 */
export const SEARCH_CONNECTION_OPTIONS = '-c pg_trgm.similarity_threshold=0.2 -c statement_timeout=3000';

/** Builds the SQL text with numbered placeholders; values go to the driver, never into the text. */
class Statement {
  readonly values: unknown[] = [];
  param(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
  tsquery(text: string): string {
    return `websearch_to_tsquery('newsbite', ${this.param(text, 'text')})`;
  }
}

const quoted = (words: string[]) => `"${words.join(' ')}"`;

/** The tsquery for a request: `&&` of the required parts, `||` of alternatives, `!!` of exclusions. */
function tsqueryOf(statement: Statement, query: ParsedQuery, mode: MatchMode, alternatives: Map<string, string[]>): string {
  const word = ({ word: text }: QueryWord) => {
    const spellings = [text, ...(alternatives.get(text) ?? [])];
    return spellings.length === 1 ? statement.tsquery(text) : `(${spellings.map((spelling) => statement.tsquery(spelling)).join(' || ')})`;
  };
  const { loose } = phraseAndLooseWords(query);
  const parts = query.phrases.map((phrase) => statement.tsquery(quoted(phrase)));
  if (mode === 'all') parts.push(...loose.map(word));
  else if (loose.length) parts.push(`(${loose.map(word).join(' || ')})`);
  for (const excluded of query.excludedWords) parts.push(`(!! ${statement.tsquery(excluded.word)})`);
  for (const phrase of query.excludedPhrases) parts.push(`(!! ${statement.tsquery(quoted(phrase))})`);
  return parts.join(' && ');
}

function filterConditions(statement: Statement, filters: SearchFilters): string {
  const conditions: string[] = [];
  if (filters.section !== undefined) conditions.push(`d.section = ${statement.param(filters.section, 'text')}`);
  if (filters.author !== undefined) conditions.push(`${statement.param(filters.author, 'text')} = ANY (d.authors)`);
  if (filters.tag !== undefined) conditions.push(`${statement.param(filters.tag, 'text')} = ANY (d.tags)`);
  if (filters.from !== undefined) conditions.push(`d.published_at >= to_timestamp(${statement.param(filters.from / 1000, 'float8')})`);
  if (filters.until !== undefined) conditions.push(`d.published_at < to_timestamp(${statement.param(filters.until / 1000, 'float8')})`);
  return conditions.map((condition) => ` AND ${condition}`).join('');
}

/** ts_headline's passage as segments; an ellipsis where it starts or ends inside the body. */
function snippetOf(marked: string, atStart: boolean, atEnd: boolean): HighlightedText {
  const segments: HighlightedText = [];
  if (!atStart) appendSegment(segments, '… ', false);
  for (const [i, piece] of marked.split(MARK_START).entries()) {
    const [inside, after] = i === 0 ? ['', piece] : piece.split(MARK_END);
    appendSegment(segments, inside, true);
    appendSegment(segments, after ?? '', false);
  }
  if (!atEnd) appendSegment(segments, ' …', false);
  return segments;
}

interface MatchRow {
  section: string;
  slug: string;
  total: number;
  snippet: string;
  at_start: boolean;
  at_end: boolean;
}

export class PostgresSearchEngine implements SearchEngine, Matcher {
  constructor(
    private readonly db: Queryable,
    private readonly lookup: ArticleLookup,
    /** Reads the hits' stories the lookup may not hold yet (an instance starting in parts): awaited before it. */
    private readonly readStories: (slugs: string[]) => Promise<void> = () => Promise.resolve(),
  ) {}

  search(request: SearchRequest): Promise<SearchResults> {
    return searchWithFallbacks(this, request);
  }

  async respellings(words: string[]): Promise<Map<string, string>> {
    if (words.length === 0) return new Map();
    // The nearest word stories use: fewest edits (one for words of up to four letters, two
    // beyond), then the word most stories used, then alphabetical; itself when it is known.
    const { rows } = await this.db.query<{ word: string; closest: string }>(
      `SELECT q.word, c.word AS closest
       FROM unnest($1::text[]) AS q(word)
       CROSS JOIN LATERAL (
         SELECT w.word FROM search_words w
         WHERE w.word = q.word OR (${WITHIN_EDITS('w.word', 'q.word', 'CASE WHEN length(q.word) <= 4 THEN 1 ELSE 2 END')})
         ORDER BY levenshtein(w.word, q.word), w.stories DESC, w.word
         LIMIT 1
       ) c`,
      [words],
    );
    return new Map(rows.filter((row) => row.closest !== row.word).map((row) => [row.word, row.closest]));
  }

  /** Spellings stories use within typo distance of each word of five letters or more. */
  private async typoAlternatives(query: ParsedQuery): Promise<Map<string, string[]>> {
    const words = phraseAndLooseWords(query).loose.map(({ word }) => word).filter((word) => word.length >= FUZZY_MIN_LENGTH);
    const alternatives = new Map<string, string[]>();
    if (words.length === 0) return alternatives;
    const { rows } = await this.db.query<{ word: string; alternative: string }>(
      `SELECT q.word, a.word AS alternative
       FROM unnest($1::text[], $2::int[]) AS q(word, edits)
       CROSS JOIN LATERAL (
         SELECT w.word FROM search_words w
         WHERE w.word <> q.word AND ${WITHIN_EDITS('w.word', 'q.word', 'q.edits')}
         ORDER BY levenshtein(w.word, q.word), w.stories DESC, w.word
         LIMIT ${MAX_TYPO_ALTERNATIVES}
       ) a`,
      [words, words.map(fuzzyEdits)],
    );
    for (const { word, alternative } of rows) alternatives.set(word, [...(alternatives.get(word) ?? []), alternative]);
    return alternatives;
  }

  async match(request: SearchRequest, mode: MatchMode, forgiveTypos: boolean): Promise<MatchedPage> {
    const { query, filters, sort, pageSize, now } = request;
    const statement = new Statement();
    const tsquery = tsqueryOf(statement, query, mode, forgiveTypos ? await this.typoAlternatives(query) : new Map());
    const nowParam = statement.param(now, 'float8');
    const size = statement.param(pageSize, 'int');
    const page = statement.param(request.page, 'int');
    const offset = `(least(greatest(${page}, 1), greatest(1, ceil((SELECT total FROM counted) / ${size}::numeric)::int)) - 1) * ${size}`;
    const recency = `(1 + ${RECENCY.weight} * exp(-${RECENCY_RATE} * greatest(0, ${nowParam} - extract(epoch FROM d.published_at) * 1000)))`;
    // Matches are found once, then counted and ranked: finding them is the dear part for a
    // phrase, which is checked against each candidate's whole tsvector (twice as slow found twice).
    const pageOf =
      sort === 'newest'
        ? `page AS (SELECT slug, published_at FROM matches ORDER BY published_at DESC, slug LIMIT ${size} OFFSET ${offset})`
        : // Two steps: every match by its lead (headline, topics, standfirst: in the row, cheap),
          // then the best of them by the whole document, whose body is stored out of line.
          `candidates AS (
             SELECT d.slug, d.published_at, ${recency} AS boost FROM matches d, query
             ORDER BY ts_rank('${RANK_WEIGHTS}', d.lead, query.q) * ${recency} DESC, d.published_at DESC, d.slug
             LIMIT greatest(${RANK_CANDIDATES}, ${page} * ${size})
           ),
           ranked AS (
             SELECT c.slug, c.published_at, ts_rank('${RANK_WEIGHTS}', d.document, query.q, ${RANK_NORMALISATION}) * c.boost AS score
             FROM candidates c JOIN search_documents d USING (slug), query
           ),
           page AS (SELECT * FROM ranked ORDER BY score DESC, published_at DESC, slug LIMIT ${size} OFFSET ${offset})`;
    const order = sort === 'newest' ? 'published_at DESC, slug' : 'score DESC, published_at DESC, slug';
    const { rows } = await this.db.query<MatchRow>(
      `WITH query AS (SELECT ${tsquery} AS q),
       matches AS MATERIALIZED (
         SELECT d.slug, d.published_at, d.lead FROM search_documents d, query
         WHERE d.document @@ query.q AND d.published_at <= to_timestamp(${nowParam} / 1000)${filterConditions(statement, filters)}
       ),
       counted AS (SELECT count(*)::int AS total FROM matches),
       ${pageOf},
       marked AS (
         SELECT page.*, d.section, d.body, h.snippet, translate(h.snippet, '${MARK_START}${MARK_END}', '') AS passage
         FROM page JOIN search_documents d USING (slug), query,
           LATERAL (SELECT ts_headline('newsbite', d.body, query.q, '${HEADLINE_OPTIONS}') AS snippet) h
       )
       SELECT section, slug, (SELECT total FROM counted) AS total, snippet,
         starts_with(body, passage) AS at_start, right(body, length(passage)) = passage AS at_end
       FROM marked ORDER BY ${order}`,
      statement.values,
    );
    await this.readStories(rows.map((row) => row.slug));
    const hits = rows.flatMap((row) => {
      // A story this instance does not show yet (its content is at most a poll behind the store)
      // is left out, and not counted, rather than linked to a 404.
      const article = this.lookup(row.section, row.slug);
      return article ? [{ article, snippet: snippetOf(row.snippet, row.at_start, row.at_end) }] : [];
    });
    const total = (rows[0]?.total ?? 0) - (rows.length - hits.length);
    return { hits, total, page: clampPage(request.page, rows[0]?.total ?? 0, pageSize).page };
  }
}
