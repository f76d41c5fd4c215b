/**
 * PostgreSQL as the shared content store (DATABASE_URL): the source every instance reads
 * (LISTEN/NOTIFY plus the version poll tell it when to), and the writes of `npm run publish`
 * and `npm run db:load`, each one transaction that bumps the store's version and notifies.
 * The production server and scripts use the store through this module; Next's routes see its
 * content through the shared LiveContent and take only the connection settings from here (for
 * site search, lib/search/engines.ts).
 */
import { Client, Pool, type ClientConfig, type PoolClient } from 'pg';
import { formatProblem, type ContentProblem } from '../content/errors';
import { validateContent } from '../content/catalogue';
import { slugOfFile, type RawContent, type RawDocument } from '../content/load';
import type { ContentSnapshot, ContentSource } from '../content/source';
import type { Article, SiteContent } from '../content/types';
import { indexForSearch } from '../search/postgres-index';

/** The channel publish transactions notify; the payload is the new store version. */
export const CONTENT_CHANNEL = 'newsbite_content';

/** Short timeouts: an instance must keep serving (and a publish must fail clearly) when the store is away. */
export function connectionConfig(url: string): ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 10_000, keepAlive: true, application_name: 'newsbite' };
}

/** `options`: server settings for every connection of the pool (libpq's `-c name=value`). */
export function createPool(url: string, max = 4, options?: string): Pool {
  const pool = new Pool({ ...connectionConfig(url), max, idleTimeoutMillis: 10_000, ...(options ? { options } : {}) });
  // An idle connection that the server dropped (a restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** "127.0.0.1:5432/newsbite", for messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

interface StoredRows {
  version: string;
  raw: RawContent;
}

async function readRows(client: PoolClient, lock: boolean): Promise<StoredRows> {
  const version = await client.query<{ version: string }>(`SELECT version::text FROM content_version${lock ? ' FOR UPDATE' : ''}`);
  const sections = await client.query<{ source: string }>("SELECT source FROM site_files WHERE name = 'sections.yml'");
  const authors = await client.query<RawDocument>('SELECT file, source AS text FROM authors');
  const articles = await client.query<RawDocument>('SELECT file, source AS text FROM articles');
  return {
    version: version.rows[0]?.version ?? '0',
    raw: { sections: sections.rows[0]?.source, authors: authors.rows, articles: articles.rows },
  };
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
async function inTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The store as a content source: one consistent snapshot per read, LISTEN for hints. */
export function postgresSource(url: string, photosDir: string, pool = createPool(url)): ContentSource & { pool: Pool } {
  const label = `PostgreSQL ${describeUrl(url)}`;
  return {
    label,
    photosDir,
    pool,
    async signature() {
      const { rows } = await pool.query<{ version: string }>('SELECT version::text FROM content_version');
      return rows[0]?.version ?? '0';
    },
    async read(): Promise<ContentSnapshot> {
      const { version, raw } = await inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => readRows(client, false));
      return { signature: version, raw };
    },
    watch(changed, log) {
      return listen(url, changed, log);
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * LISTEN on the content channel with its own connection, reconnecting every second while the
 * store is away; on each reconnect it hints a change, since notifications sent meanwhile are lost.
 */
export function listen(url: string, changed: () => void, log: (message: string) => void): () => void {
  let client: Client | undefined;
  let closed = false;
  let down = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, 1_000);
    timer.unref();
  };
  const connect = async () => {
    const current = new Client(connectionConfig(url));
    client = current;
    current.on('notification', () => changed());
    const lost = (error?: Error) => {
      if (client !== current) return;
      client = undefined;
      current.removeAllListeners('notification');
      void current.end().catch(() => undefined);
      if (!down && !closed) log(`content: LISTEN ${CONTENT_CHANNEL} lost (${error?.message ?? 'connection ended'}); retrying every second, the version poll goes on`);
      down = true;
      retry();
    };
    current.on('error', lost);
    current.on('end', () => lost());
    try {
      await current.connect();
      await current.query(`LISTEN ${CONTENT_CHANNEL}`);
      if (down) log(`content: LISTEN ${CONTENT_CHANNEL} restored`);
      down = false;
      changed();
    } catch (error) {
      lost(error as Error);
    }
  };
  void connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    const current = client;
    client = undefined;
    void current?.end().catch(() => undefined);
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

/** The validated articles of these documents, by file: what their rows' columns and search documents come from. */
function validatedArticles(content: SiteContent, documents: RawDocument[]): Map<string, Article> {
  const byFile = new Map(content.articles.map((article) => [article.sourceFile, article]));
  return new Map(
    documents.map((document) => {
      const article = byFile.get(document.file);
      if (!article) throw new Error(`invariant: ${document.file} is not in the validated content`);
      return [document.file, article];
    }),
  );
}

export interface StoreWrite {
  /** The content as it will be, and the documents to write (or the whole content to replace the store with). */
  raw: RawContent;
  written: RawDocument[];
  replaceAll?: boolean;
}

/**
 * One publish transaction: lock the version row, read the stored content, let `change` make
 * the new one, validate it as a whole (the same validation the site runs), write the rows and their search documents, bump
 * the version and notify (PostgreSQL delivers the notification on commit). Any failure rolls
 * everything back.
 */
export async function writeVersion(pool: Pool, photosDir: string, change: (current: RawContent) => StoreWrite): Promise<{ version: string; written: string[] }> {
  return inTransaction(pool, 'BEGIN', async (client) => {
    const { raw: current } = await readRows(client, true);
    const { raw, written, replaceAll } = change(current);
    const validated = validateContent(raw, photosDir);
    const { content } = validated;
    // A full load is all or nothing; a publish is refused for its own documents' problems only.
    const problems = replaceAll ? validated.problems : problemsOf(validated.problems, written);
    if (problems.length) throw new PublishRefused(problems);
    if (replaceAll) {
      await client.query('DELETE FROM articles');
      await client.query('DELETE FROM authors');
      await client.query('DELETE FROM site_files');
      if (raw.sections !== undefined) await client.query("INSERT INTO site_files (name, source) VALUES ('sections.yml', $1)", [raw.sections]);
      for (const author of raw.authors) {
        await client.query('INSERT INTO authors (file, id, source) VALUES ($1, $2, $3)', [author.file, slugOfFile(author.file), author.text]);
      }
    }
    const documents = replaceAll ? raw.articles : written;
    const articles = validatedArticles(content, documents);
    for (const document of documents) {
      const { slug, section, status, published } = articles.get(document.file)!;
      await client.query(
        `INSERT INTO articles (file, slug, section, status, published_at, source) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (file) DO UPDATE SET slug = $2, section = $3, status = $4, published_at = $5, source = $6, updated_at = now()`,
        [document.file, slug, section, status, published, document.text],
      );
    }
    await indexForSearch(client, [...articles.values()], { replaceAll });
    const { rows } = await client.query<{ version: string }>('UPDATE content_version SET version = version + 1, changed_at = now() RETURNING version::text');
    await client.query('SELECT pg_notify($1, $2)', [CONTENT_CHANNEL, rows[0].version]);
    return { version: rows[0].version, written: documents.map((d) => d.file) };
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
