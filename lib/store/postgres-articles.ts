import fs from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { formatProblem } from '../content/errors';
import { validateContent } from '../content/catalogue';
import { slugOfFile, type RawContent, type RawDocument } from '../content/load';
import type { ContentDirs } from '../content/locations';
import { parseArticleFile, storePhoto, type ArticleStore, type CandidateArticle, type StoredArticle } from '../content/store';
import { postgresSource, problemsOf, writeVersion } from './postgres';

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
 * Markdown, each write one publish transaction (validated as the whole resulting version,
 * version bumped, instances notified); photos go to the shared photos folder.
 */
export class PostgresArticleStore implements ArticleStore {
  private readonly source;

  constructor(
    private readonly pool: Pool,
    url: string,
    private readonly dirs: ContentDirs,
  ) {
    this.source = postgresSource(url, dirs.photosDir, pool);
  }

  private async raw(): Promise<RawContent> {
    return (await this.source.read()).raw;
  }

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
   * The whole version with this article, validated as the site would. New photos are stored
   * first (content-addressed, so an unused one is never wrong and is never shown).
   */
  async check(candidate: CandidateArticle): Promise<string[]> {
    for (const photo of candidate.newPhotos) await this.writePhoto(photo.bytes);
    const document = { file: candidate.file, text: candidate.markdown };
    const { problems } = validateContent(withArticle(await this.raw(), document), this.dirs.photosDir);
    return problemsOf(problems, [document]).map(formatProblem);
  }

  writePhoto(bytes: Buffer): Promise<string> {
    return storePhoto(this.dirs.photosDir, bytes);
  }

  async writeArticle(file: string, markdown: string): Promise<void> {
    const document = { file, text: markdown };
    await writeVersion(this.pool, this.dirs.photosDir, (current) => ({ raw: withArticle(current, document), written: [document] }));
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
