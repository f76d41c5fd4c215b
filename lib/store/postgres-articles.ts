import fs from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { formatProblem } from '../content/errors';
import { slugOfFile, type RawContent, type RawDocument } from '../content/load';
import type { ContentDirs } from '../content/locations';
import { parseArticleFile, storePhoto, type ArticleStore, type CandidateArticle, type StoredArticle } from '../content/store';
import { checkDocuments, writeVersion } from './postgres';

/** Importers of one deployment take turns: every instance and the CLI use this advisory lock. */
const IMPORT_LOCK = 7_340_014;

/** The content with `document` in place of the article of the same file or slug, or added. */
function withArticle(raw: RawContent, document: RawDocument): RawContent {
  const slug = slugOfFile(document.file);
  const others = raw.articles.filter((a) => a.file !== document.file && slugOfFile(a.file) !== slug);
  return { ...raw, articles: [...others, document] };
}

/**
 * The wire importer's store on PostgreSQL (DATABASE_URL): articles are rows holding their
 * Markdown, each write one publish transaction (validated against the stored content's
 * indexes, version bumped, change logged, instances notified); photos go to the shared photos folder.
 */
export class PostgresArticleStore implements ArticleStore {
  constructor(
    private readonly pool: Pool,
    private readonly dirs: ContentDirs,
  ) {}

  async findByWireUri(uri: string): Promise<StoredArticle | undefined> {
    const { rows } = await this.pool.query<{ file: string; source: string }>("SELECT file, source FROM articles WHERE source ~ '(^|\\n)wire:'");
    const matches = rows.map((row) => parseArticleFile(row.file, row.source)).filter((article) => (article.data.wire as { uri?: unknown } | undefined)?.uri === uri);
    if (matches.length > 1) throw new Error(`${matches.map((m) => m.file).join(' and ')} both have wire.uri ${uri}: keep one of them`);
    return matches[0];
  }

  async slugs(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ slug: string }>('SELECT slug FROM articles');
    return new Set(rows.map((row) => row.slug));
  }

  /** sections.yml from the store; other configuration (wire.yml) is the deployment's, in its content folder. */
  async readConfig(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ source: string }>('SELECT source FROM site_files WHERE name = $1', [name]);
    if (rows[0]) return rows[0].source;
    return fs.readFile(path.join(this.dirs.contentDir, name), 'utf8').catch(() => undefined);
  }

  /**
   * The article validated as the site would, against the stored content's indexes. New photos are stored
   * first (content-addressed, so an unused one is never wrong and is never shown).
   */
  async check(candidate: CandidateArticle): Promise<string[]> {
    for (const photo of candidate.newPhotos) await this.writePhoto(photo.bytes);
    return (await checkDocuments(this.pool, this.dirs.photosDir, [{ file: candidate.file, text: candidate.markdown }])).map(formatProblem);
  }

  writePhoto(bytes: Buffer): Promise<string> {
    return storePhoto(this.dirs.photosDir, bytes);
  }

  async writeArticle(file: string, markdown: string): Promise<void> {
    const document = { file, text: markdown };
    await writeVersion(this.pool, this.dirs.photosDir, (current) => ({ raw: withArticle(current, document), written: [document] }), { slugs: [slugOfFile(file)] });
  }

  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK]);
      try {
        return await task();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
