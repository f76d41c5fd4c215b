/**
 * PostgreSQL as the shared content store (DATABASE_URL): the source every instance reads
 * (LISTEN/NOTIFY plus the version poll tell it when to), and the writes of `npm run publish`
 * and `npm run db:load`, each one transaction that bumps the store's version and notifies.
 * The production server and scripts use the store through this module; Next's routes see its
 * content through the shared LiveContent and take only the connection settings from here (for
 * site search, lib/search/engines.ts).
 */
import type { Pool, PoolClient } from 'pg';
import { createPool, describeUrl, inTransaction, listen } from './postgres-connection';
import { postgresLists, storedArticle } from './postgres-lists';
import { postgresRelatedPicks } from './postgres-related';
import { formatProblem, type ContentProblem } from '../content/errors';
import { ContentCatalogue, validateContent, type DocumentChange } from '../content/catalogue';
import { parseArticleFile } from '../content/store';
import { checkArticle, entryOfFile, parseSections, PhotoSizes, readContentFolder, revisionOf, slugOfFile, type ArticleContext, type RawContent, type RawDocument } from '../content/load';
import { BodyCache, bodyOfText, withoutBody } from '../content/bodies';
import { LEDE_CHARACTERS } from '../content/related';
import type { ContentDirs } from '../content/locations';
import { folderSource, type ContentSnapshot, type ContentSource, type SourceChanges } from '../content/source';
import type { Article, Tag } from '../content/types';
import { indexForSearch, writeWordCounts } from '../search/postgres-index';

/** The channel publish transactions notify; the payload is the new store version. */
export const CONTENT_CHANNEL = 'newsbite_content';

interface StoredRows {
  version: string;
  raw: RawContent;
}

/**
 * What a story's row keeps of its check besides its text: the article without its body (JSON)
 * and its lede, so instances neither parse it again nor read its body to list or rank it.
 */
function checkedColumns(article: Article, body: string): { checked: string; lede: string } {
  return { checked: JSON.stringify(withoutBody(article)), lede: body.slice(0, LEDE_CHARACTERS) };
}

/**
 * The stored content: sections, authors, and every article and live blog entry, or only the
 * articles with `slugs` and the entries with `entries` (files: what a publish replaces,
 * withdraws or deletes).
 */
async function readRows(client: PoolClient, lock: boolean, slugs?: string[], entryFiles: string[] = []): Promise<StoredRows> {
  const version = await client.query<{ version: string }>(`SELECT version::text FROM content_version${lock ? ' FOR UPDATE' : ''}`);
  const sections = await client.query<{ source: string }>("SELECT source FROM site_files WHERE name = 'sections.yml'");
  const authors = await client.query<RawDocument>('SELECT file, source AS text FROM authors');
  const articles = slugs
    ? await client.query<RawDocument>('SELECT file, source AS text FROM articles WHERE slug = ANY($1::text[])', [slugs])
    : await client.query<RawDocument>('SELECT file, source AS text FROM articles');
  const entries = slugs
    ? await client.query<RawDocument>('SELECT file, source AS text FROM live_entries WHERE file = ANY($1::text[])', [entryFiles])
    : await client.query<RawDocument>('SELECT file, source AS text FROM live_entries');
  return {
    version: version.rows[0]?.version ?? '0',
    raw: { sections: sections.rows[0]?.source, authors: authors.rows, articles: articles.rows, entries: entries.rows },
  };
}

/** Stories per query of an instance's start: the rows' text is let go batch by batch. */
const READ_BATCH = 10_000;

/**
 * What every start reads as text, in the caller's snapshot: the version, sections, authors,
 * live blog entries, and the stories without a check yet (a store from before migration 005,
 * until db:migrate fills it).
 */
async function readTexts(client: PoolClient): Promise<StoredRows> {
  const version = await client.query<{ version: string }>('SELECT version::text FROM content_version');
  const sections = await client.query<{ source: string }>("SELECT source FROM site_files WHERE name = 'sections.yml'");
  const authors = await client.query<RawDocument>('SELECT file, source AS text FROM authors');
  const entries = await client.query<RawDocument>('SELECT file, source AS text FROM live_entries');
  const unchecked = await client.query<RawDocument>('SELECT file, source AS text FROM articles WHERE checked IS NULL');
  return {
    version: version.rows[0]?.version ?? '0',
    raw: { sections: sections.rows[0]?.source, authors: authors.rows, articles: unchecked.rows, entries: entries.rows },
  };
}

/** Every checked story but those in `skip`, READ_BATCH at a time in file order. */
async function* checkedStories(db: Pool | PoolClient, skip: ReadonlySet<string> = new Set()): AsyncGenerator<Article[]> {
  for (let after = ''; ; ) {
    const { rows } = await db.query<{ file: string; checked: string }>(
      'SELECT file, checked FROM articles WHERE checked IS NOT NULL AND file > $1 ORDER BY file LIMIT $2',
      [after, READ_BATCH],
    );
    yield rows.filter((row) => !skip.has(row.file)).map((row) => storedArticle(row.checked));
    if (rows.length < READ_BATCH) return;
    after = rows[rows.length - 1].file;
  }
}

/**
 * A whole store as an instance reads it, in the caller's snapshot: the texts of readTexts and
 * every story as its publish checked it. No body is read: pages read the ones they show.
 */
async function readCatalogue(client: PoolClient): Promise<StoredRows & { checked: Article[] }> {
  const texts = await readTexts(client);
  const checked: Article[] = [];
  for await (const batch of checkedStories(client)) checked.push(...batch);
  return { ...texts, checked };
}

/**
 * How many of the newest public stories, site-wide and of each section, an instance reads
 * before it serves: ten times what fronts and feeds show (50), embargoed ones included (decision 45).
 */
const FRONT_WINDOW = 500;

/**
 * What an instance serves its fronts from at start, in one snapshot: sections, authors and live
 * blog entries as text; as their publish checked them, the newest FRONT_WINDOW public stories
 * site-wide and of each section (embargoed ones lead) and every live blog; rows without a check
 * as text; and how many stories there are, with the slug of every one when it will read them all
 * (up to `holdsUpTo`), so that a curated pick of one not read yet checks.
 */
async function readFront(client: PoolClient, holdsUpTo: number): Promise<StoredRows & { checked: Article[]; slugs?: Set<string> }> {
  const texts = await readTexts(client);
  const sectionSlugs = (parseSections(texts.raw.sections).sections ?? []).map((section) => section.slug);
  // Each part by its index (articles_front, articles_section_front, the unique slug), then the rows by file.
  const front = await client.query<{ checked: string }>(
    `WITH front AS (
       (SELECT file FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT $1)
       UNION SELECT newest.file FROM unnest($2::text[]) AS s(section) CROSS JOIN LATERAL
         (SELECT file FROM articles WHERE status = 'published' AND section = s.section ORDER BY published_at DESC LIMIT $1) AS newest
       UNION SELECT file FROM articles WHERE slug IN (SELECT story FROM live_entries))
     SELECT articles.checked FROM front JOIN articles USING (file) WHERE articles.checked IS NOT NULL`,
    [FRONT_WINDOW, sectionSlugs],
  );
  const checked = front.rows.map((row) => storedArticle(row.checked));
  const stories = (await client.query<{ stories: number }>('SELECT count(*)::int AS stories FROM articles')).rows[0].stories;
  if (stories > holdsUpTo) return { ...texts, checked };
  const slugs = await client.query<{ slug: string }>('SELECT slug FROM articles');
  return { ...texts, checked, slugs: new Set(slugs.rows.map((row) => row.slug)) };
}

/** How many versions the change log keeps: an instance further behind reads the whole store. */
const CHANGE_LOG_VERSIONS = 10_000;
/** The change log's mark for "every document may have changed" (a full load). */
const EVERYTHING = '*';

/**
 * The store as a content source: one consistent snapshot at start, then only the documents the
 * change log names since the version this instance holds; LISTEN for hints.
 */
export function postgresSource(url: string, photosDir: string, pool = createPool(url)): ContentSource & { pool: Pool } {
  const label = `PostgreSQL ${describeUrl(url)}`;
  const relatedPicks = postgresRelatedPicks(url, pool);
  let held: string | undefined;
  /** Set by a start that found more stories than the instance may hold: it reads them on demand, and a whole read reads the front again. */
  let holdsUpTo: number | undefined;
  const readAll = async (): Promise<ContentSnapshot> => {
    const { version, raw, checked } = await inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', readCatalogue);
    held = version;
    return { signature: version, raw, checked };
  };
  const readFrontOf = async (upTo: number): Promise<ContentSnapshot> => {
    const { version, raw, checked, slugs } = await inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => readFront(client, upTo));
    held = version;
    if (!slugs) {
      holdsUpTo = upTo;
      return { signature: version, raw, checked, onDemand: { frontWindow: FRONT_WINDOW } };
    }
    // The rest is read outside that snapshot, as it is then: the change log, read from the
    // front's version, applies every change since (a story changed meanwhile, again).
    return { signature: version, raw, checked, rest: { slugs, stories: checkedStories(pool, new Set(checked.map((article) => article.sourceFile))) } };
  };
  return {
    label,
    photosDir,
    pool,
    relatedPicks,
    lists: postgresLists(pool),
    async signature() {
      const { rows } = await pool.query<{ version: string }>('SELECT version::text FROM content_version');
      return rows[0]?.version ?? '0';
    },
    read: readAll,
    readFront: readFrontOf,
    async changes(): Promise<SourceChanges | ContentSnapshot> {
      // A store further behind than its log is read again as a start reads it.
      const readAgain = () => (holdsUpTo === undefined ? readAll() : readFrontOf(holdsUpTo));
      if (held === undefined) return readAgain();
      const since = held;
      const read = await inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const version = (await client.query<{ version: string }>('SELECT version::text FROM content_version')).rows[0]?.version ?? '0';
        if (version === since) return { version, files: [] as string[] };
        // Each file once, with every list its story left in these versions.
        const log = await client.query<{ file: string; oldest: string; lists: string[] }>(
          `SELECT file, (SELECT min(version) FROM content_changes)::text AS oldest, array_remove(array_agg(DISTINCT list), NULL) AS lists
           FROM content_changes LEFT JOIN LATERAL unnest(lists) AS list ON true WHERE version > $1 GROUP BY file`,
          [since],
        );
        const complete = log.rows.length > 0 && BigInt(log.rows[0].oldest) <= BigInt(since) + 1n;
        if (!complete || log.rows.some((row) => row.file === EVERYTHING)) return undefined;
        const files = log.rows.map((row) => row.file);
        const texts = new Map<string, string>();
        const checked = new Map<string, Article>();
        // A story as its publish checked it: an instance applies it without parsing it again.
        const articles = await client.query<{ file: string; source: string | null; checked: string | null }>(
          'SELECT file, CASE WHEN checked IS NULL THEN source END AS source, checked FROM articles WHERE file = ANY($1::text[])',
          [files],
        );
        for (const row of articles.rows) if (row.checked !== null) checked.set(row.file, storedArticle(row.checked));
        const authors = await client.query<{ file: string; source: string }>('SELECT file, source FROM authors WHERE file = ANY($1::text[])', [files]);
        const entries = await client.query<{ file: string; source: string }>('SELECT file, source FROM live_entries WHERE file = ANY($1::text[])', [files]);
        const sections = await client.query<{ source: string }>("SELECT source FROM site_files WHERE name = 'sections.yml' AND name = ANY($1::text[])", [files]);
        for (const row of [...articles.rows, ...authors.rows, ...entries.rows]) if (row.source !== null) texts.set(row.file, row.source);
        if (sections.rows[0]) texts.set('sections.yml', sections.rows[0].source);
        return { version, files, texts, checked, formerLists: new Map(log.rows.map((row) => [row.file, row.lists])) };
      });
      if (!read) return readAgain();
      held = read.version;
      const documents: DocumentChange[] = read.files.map((file) => {
        const article = read.checked?.get(file);
        const formerLists = read.formerLists?.get(file);
        return { file, ...(article ? { checked: article } : { text: read.texts?.get(file) }), ...(formerLists?.length ? { formerLists } : {}) };
      });
      return { signature: read.version, documents, photos: [] };
    },
    async storiesAt(path) {
      const { rows } = await pool.query<{ checked: string | null }>('SELECT checked FROM articles WHERE urls @> ARRAY[$1]::text[]', [path]);
      return rows.some((row) => row.checked === null) ? undefined : rows.map((row) => storedArticle(row.checked!));
    },
    everyStory: () => checkedStories(pool),
    async storiesWithSlugs(slugs) {
      const { rows } = await pool.query<{ checked: string }>('SELECT checked FROM articles WHERE slug = ANY($1::text[]) AND checked IS NOT NULL', [slugs]);
      return rows.map((row) => storedArticle(row.checked));
    },
    async storiesWithHeroCrop(file) {
      // By the articles_hero_crop index (migration 008).
      const { rows } = await pool.query<{ checked: string }>("SELECT checked FROM articles WHERE hero_crop_file(checked) = $1 AND status = 'published'", [file]);
      return rows.map((row) => storedArticle(row.checked));
    },
    async bodiesOf(files) {
      const { rows } = await pool.query<{ file: string; source: string }>('SELECT file, source FROM articles WHERE file = ANY($1::text[])', [files]);
      return new Map(rows.map((row) => [row.file, bodyOfText(row.source)]));
    },
    async ledesOf(files) {
      const { rows } = await pool.query<{ file: string; lede: string | null; source: string | null }>(
        'SELECT file, lede, CASE WHEN lede IS NULL THEN source END AS source FROM articles WHERE file = ANY($1::text[])',
        [files],
      );
      return new Map(rows.map((row) => [row.file, row.lede ?? bodyOfText(row.source ?? '').slice(0, LEDE_CHARACTERS)]));
    },
    watch(changed, log) {
      return listen(url, CONTENT_CHANNEL, () => changed(), log);
    },
    async close() {
      await relatedPicks.close();
      await pool.end().catch(() => undefined);
    },
  };
}

export class PublishRefused extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`the change was refused, nothing was published:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }
}

/** The problems of the documents a publish writes: another document's problem never holds it back. */
export function problemsOf(problems: ContentProblem[], written: RawDocument[]): ContentProblem[] {
  const files = new Set(written.map((document) => document.file));
  return problems.filter((problem) => files.has(problem.file));
}

export interface StoreWrite {
  /** The content as it will be, and the documents to write. */
  raw: RawContent;
  written: RawDocument[];
}

/** The URLs a document claims and the stories it names, read from its front matter before validation (an entry: its story). */
function references(document: RawDocument): { urls: string[]; slugs: string[] } {
  const entry = entryOfFile(document.file);
  if (entry) return { urls: [], slugs: [entry.story] };
  const slug = slugOfFile(document.file);
  try {
    const { data } = parseArticleFile(document.file, document.text);
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
    return { urls: [`/${String(data.section)}/${slug}`, ...strings(data.aliases)], slugs: [slug, ...strings(data.related)] };
  } catch {
    return { urls: [], slugs: [slug] };
  }
}

/**
 * The written documents validated as the site would, against the store's indexes rather than
 * its whole content: a catalogue of the sections, the authors and the stored stories the
 * documents touch (the ones they replace, the ones that have their slugs or URLs, the ones they
 * name as related), then the documents. Costs what the publish touches, whatever the archive.
 */
async function validateWrites(client: PoolClient, photosDir: string, base: RawContent, written: RawDocument[]): Promise<{ articles: Map<string, Article>; problems: ContentProblem[] }> {
  const refs = written.map(references);
  const neighbours = await client.query<RawDocument>(
    'SELECT file, source AS text FROM articles WHERE file = ANY($1::text[]) OR slug = ANY($2::text[]) OR urls && $3::text[]',
    [written.map((d) => d.file), refs.flatMap((r) => r.slugs), refs.flatMap((r) => r.urls)],
  );
  // An entry is checked against its story, which is valid only with the stories it names as related.
  const blogs = new Set(written.flatMap((d) => entryOfFile(d.file)?.story ?? []));
  const read = new Set(neighbours.rows.map((row) => slugOfFile(row.file)));
  const relatedOfBlogs = neighbours.rows.filter((row) => blogs.has(slugOfFile(row.file))).flatMap((row) => references(row).slugs.filter((slug) => !read.has(slug)));
  if (relatedOfBlogs.length) {
    neighbours.rows.push(...(await client.query<RawDocument>('SELECT file, source AS text FROM articles WHERE slug = ANY($1::text[])', [relatedOfBlogs])).rows);
  }
  return validateAmong(photosDir, base, neighbours.rows, written);
}

/**
 * The written documents validated as the site would, within the sections and authors of `base`
 * and only the stories in `neighbours` (what they touch): the whole check, at the cost of the
 * documents involved rather than of the archive.
 */
export function validateAmong(photosDir: string, base: RawContent, neighbours: RawDocument[], written: RawDocument[]): { articles: Map<string, Article>; problems: ContentProblem[] } {
  const catalogue = new ContentCatalogue(photosDir);
  catalogue.load({ sections: base.sections, authors: base.authors, articles: neighbours });
  catalogue.apply(written);
  const files = new Set(written.map((d) => d.file));
  const articles = new Map(catalogue.content().articles.filter((a) => files.has(a.sourceFile)).map((a) => [a.sourceFile, a]));
  return { articles, problems: problemsOf(catalogue.problems(), written) };
}

/**
 * One publish transaction: lock the version row, read what the change needs (the stories with
 * `slugs`, or the whole store), let `change` make the documents to write, validate them as the
 * site would (each written document against the store's indexes, or within the whole store
 * without `slugs`; refused for its own problems only), write
 * the rows, their search documents and the change log, bump the version and notify
 * (PostgreSQL delivers the notification on commit). Any failure rolls everything back.
 */
export async function writeVersion(
  pool: Pool,
  photosDir: string,
  change: (current: RawContent) => StoreWrite,
  { slugs, entries: entryFiles }: { slugs?: string[]; entries?: string[] } = {},
): Promise<{ version: string; written: string[] }> {
  return inTransaction(pool, 'BEGIN', async (client) => {
    const { raw: current } = await readRows(client, true, slugs, entryFiles);
    const { raw, written: documents } = change(current);
    const { articles, problems } = slugs ? await validateWrites(client, photosDir, current, documents) : validateWhole(raw, photosDir, documents);
    if (problems.length) throw new PublishRefused(problems);
    // The lists each story is in before this write, logged with it (migration 009): an instance that does not hold it drops their pages.
    const storySlugs = documents.filter((document) => !entryOfFile(document.file)).map((document) => slugOfFile(document.file));
    const former = await client.query<{ slug: string; lists: string[] }>('SELECT slug, array_agg(list) AS lists FROM article_lists WHERE slug = ANY($1::text[]) GROUP BY slug', [storySlugs]);
    const formerLists = new Map(former.rows.map((row) => [row.slug, row.lists]));
    for (const document of documents) {
      const entry = entryOfFile(document.file);
      if (entry) {
        await client.query(
          `INSERT INTO live_entries (file, story, id, source) VALUES ($1, $2, $3, $4)
           ON CONFLICT (file) DO UPDATE SET source = $4, updated_at = now()`,
          [document.file, entry.story, entry.id, document.text],
        );
        continue;
      }
      const article = articles.get(document.file);
      if (!article) throw new Error(`invariant: ${document.file} is not in the validated content`);
      const { slug, section, status, published, path: url, aliases } = article;
      const { checked, lede } = checkedColumns(article, article.body);
      await client.query(
        `INSERT INTO articles (file, slug, section, status, published_at, source, urls, checked, lede) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (file) DO UPDATE SET slug = $2, section = $3, status = $4, published_at = $5, source = $6, urls = $7, checked = $8, lede = $9, updated_at = now()`,
        [document.file, slug, section, status, published, document.text, [url, ...aliases], checked, lede],
      );
    }
    await indexForSearch(client, documents.flatMap((document) => articles.get(document.file) ?? []));
    const { rows } = await client.query<{ version: string }>('UPDATE content_version SET version = version + 1, changed_at = now() RETURNING version::text');
    const version = rows[0].version;
    await client.query(
      "INSERT INTO content_changes (version, file, lists) SELECT $1, change->>'file', ARRAY(SELECT jsonb_array_elements_text(change->'lists')) FROM jsonb_array_elements($2::jsonb) AS change",
      [version, JSON.stringify(documents.map((d) => ({ file: d.file, lists: entryOfFile(d.file) ? [] : (formerLists.get(slugOfFile(d.file)) ?? []) })))],
    );
    await client.query('DELETE FROM content_changes WHERE version <= $1::bigint - $2::bigint', [version, CHANGE_LOG_VERSIONS]);
    await client.query('SELECT pg_notify($1, $2)', [CONTENT_CHANNEL, version]);
    return { version, written: documents.map((d) => d.file) };
  });
}

/** Stories per INSERT of a full load. */
const LOAD_BATCH = 1_000;

/**
 * Replaces the stored content with a content folder's (`db:migrate --load`, the cluster), in one
 * transaction: readers keep the old store until it commits. Every document is checked as the
 * site checks it, all or nothing, then written in batches with its search document. Each
 * story's text is read when it is checked and again when it is written and indexed, so a load
 * holds the catalogue, never the archive's text (held whole, 100,000 stories needed a 12 GB
 * heap). A file changed between its check and its write stops the load.
 */
export async function loadFolder(pool: Pool, dirs: ContentDirs): Promise<{ version: string; articles: number; entries: number }> {
  const raw = readContentFolder(dirs.contentDir, new Set(), { lazyArticles: true });
  const catalogue = new ContentCatalogue(dirs.photosDir, new BodyCache({ read: folderSource(dirs).bodyOf! }));
  catalogue.load(raw);
  const problems = catalogue.problems();
  if (problems.length) throw new PublishRefused(problems);
  const files = new Map(raw.articles.map((document) => [document.file, document]));
  const { articles } = catalogue.content();
  const entries = raw.entries ?? [];
  return inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT version FROM content_version FOR UPDATE');
    await client.query('DELETE FROM live_entries; DELETE FROM articles; DELETE FROM authors; DELETE FROM site_files');
    // The picks ranked for the content replaced: the ranking instance ranks the new content whole.
    await client.query('DELETE FROM related_picks; UPDATE related_ranking SET whole_ranked_at = NULL');
    if (raw.sections !== undefined) await client.query("INSERT INTO site_files (name, source) VALUES ('sections.yml', $1)", [raw.sections]);
    await client.query('INSERT INTO authors (file, id, source) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
      raw.authors.map((author) => author.file),
      raw.authors.map((author) => slugOfFile(author.file)),
      raw.authors.map((author) => author.text),
    ]);
    // The vocabulary of the whole load, written once at its end.
    const wordCounts = new Map<string, number>();
    for (let start = 0; start < articles.length; start += LOAD_BATCH) {
      const rows = [];
      // Indexed with the body of the text just read, not read a third time.
      const indexed: Article[] = [];
      for (const article of articles.slice(start, start + LOAD_BATCH)) {
        const source = files.get(article.sourceFile)!.text;
        if (revisionOf(source) !== article.revision) throw new Error(`${article.sourceFile} changed while it was loaded: load again`);
        const { slug, section, status, published, path: url, aliases } = article;
        const body = bodyOfText(source);
        rows.push({ file: article.sourceFile, slug, section, status, published_at: published, source, urls: [url, ...aliases], ...checkedColumns(article, body) });
        indexed.push({ ...article, body });
      }
      await client.query(
        `INSERT INTO articles (file, slug, section, status, published_at, source, urls, checked, lede)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS r(file text, slug text, section text, status text, published_at timestamptz, source text, urls text[], checked text, lede text)`,
        [JSON.stringify(rows)],
      );
      await indexForSearch(client, indexed, { replaceAll: start === 0, wordCounts });
    }
    if (!articles.length) await indexForSearch(client, [], { replaceAll: true });
    await writeWordCounts(client, wordCounts);
    for (const entry of entries) {
      const place = entryOfFile(entry.file)!;
      await client.query('INSERT INTO live_entries (file, story, id, source) VALUES ($1, $2, $3, $4)', [entry.file, place.story, place.id, entry.text]);
    }
    const { rows } = await client.query<{ version: string }>('UPDATE content_version SET version = version + 1, changed_at = now() RETURNING version::text');
    const version = rows[0].version;
    await client.query('INSERT INTO content_changes (version, file) VALUES ($1, $2)', [version, EVERYTHING]);
    await client.query('DELETE FROM content_changes WHERE version <= $1::bigint - $2::bigint', [version, CHANGE_LOG_VERSIONS]);
    await client.query('SELECT pg_notify($1, $2)', [CONTENT_CHANNEL, version]);
    return { version, articles: articles.length, entries: entries.length };
  });
}

/** What the site would say of these documents if they were published now (the wire importer's check), writing nothing. */
export function checkDocuments(pool: Pool, photosDir: string, documents: RawDocument[]): Promise<ContentProblem[]> {
  return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
    const { raw } = await readRows(client, false, documents.map((d) => slugOfFile(d.file)));
    return (await validateWrites(client, photosDir, raw, documents)).problems;
  });
}

/** The written documents validated within the whole resulting content (a change that read the whole store). */
function validateWhole(raw: RawContent, photosDir: string, written: RawDocument[]): { articles: Map<string, Article>; problems: ContentProblem[] } {
  const { content, problems } = validateContent(raw, photosDir);
  const files = new Set(written.map((d) => d.file));
  return { articles: new Map(content.articles.filter((a) => files.has(a.sourceFile)).map((a) => [a.sourceFile, a])), problems: problemsOf(problems, written) };
}

/**
 * Fills what a publish writes beside each story's text for stories stored before it did: its
 * URLs (migration 003), and the article as checked and its lede (005). In one transaction that
 * holds the version row, a batch of stories at a time: it never holds the archive. Each story is
 * checked on its own, as the site checks it, within the stored sections and authors (it was
 * checked against the others when it was published); one that fails now is left for instances
 * to parse and report.
 */
export function checkStoredStories(pool: Pool, photosDir: string): Promise<number> {
  return inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT version FROM content_version FOR UPDATE');
    const sectionsText = (await client.query<{ source: string }>("SELECT source FROM site_files WHERE name = 'sections.yml'")).rows[0]?.source;
    const sectionSlugs = new Set((parseSections(sectionsText).sections ?? []).map((section) => section.slug));
    const authorIds = new Set((await client.query<{ id: string }>('SELECT id FROM authors')).rows.map((row) => row.id));
    const tags = new Map<string, Tag>();
    const context: ArticleContext = {
      hasSection: (slug) => sectionSlugs.has(slug),
      sectionSlugs: () => [...sectionSlugs],
      hasAuthor: (id) => authorIds.has(id),
      photos: new PhotoSizes(photosDir),
      tag: (slug, name) => tags.get(slug) ?? tags.set(slug, { slug, name }).get(slug)!,
    };
    let filled = 0;
    for (let after = ''; ; ) {
      const { rows } = await client.query<RawDocument>('SELECT file, source AS text FROM articles WHERE checked IS NULL AND file > $1 ORDER BY file LIMIT $2', [after, LOAD_BATCH]);
      const updates = rows.flatMap((row) => {
        const { article } = checkArticle(row, context);
        return article ? [{ file: row.file, urls: [article.path, ...article.aliases], ...checkedColumns(article, article.body) }] : [];
      });
      await client.query(
        `UPDATE articles SET urls = r.urls, checked = r.checked, lede = r.lede
         FROM jsonb_to_recordset($1::jsonb) AS r(file text, urls text[], checked text, lede text) WHERE articles.file = r.file`,
        [JSON.stringify(updates)],
      );
      filled += updates.length;
      if (rows.length < LOAD_BATCH) break;
      after = rows[rows.length - 1].file;
    }
    return filled;
  });
}

/**
 * Rebuilds the search index from the stored content, in one transaction that holds the version
 * row (so no publish interleaves): for a store from before search (migration 002), or after a
 * change to how stories are analysed. Readers keep the old index until it commits.
 */
export function reindexSearch(pool: Pool, photosDir: string): Promise<number> {
  return inTransaction(pool, 'BEGIN', async (client) => {
    const { raw } = await readRows(client, true);
    return indexForSearch(client, validateContent(raw, photosDir).content.articles, { replaceAll: true });
  });
}
