import type { Pool } from 'pg';
import { contentLocations } from '../content/locations';
import type { ContentRepository } from '../content/repository';
import { createPool } from '../store/postgres-connection';
import type { SearchEngine } from './engine';
import { PostgresSearchEngine, SEARCH_CONNECTION_OPTIONS } from './postgres-engine';
import { offeredIndexWorker } from './index-worker-client';
import { SqliteSearchEngine } from './sqlite-engine';
import { searchIndexPath } from './sqlite-index';

/**
 * The engine for a content repository. With DATABASE_URL, PostgreSQL full-text search over the
 * index the publish transactions keep (every instance answers alike); hits are this
 * repository's articles (read by slug first where it has not read them yet: a start in parts).
 * Otherwise the embedded index, a SQLite file of the content folder
 * (SEARCH_INDEX_PATH): the content layer hands out a new repository whenever the live content
 * changes, and the first search on it brings the one index up to date incrementally (only new,
 * changed and withdrawn stories are touched) instead of rebuilding it; the first after a
 * restart finds the file as it was left and indexes only what changed meanwhile. An older
 * repository still in use by a request in flight is answered from the same, newer index.
 */
const engines = new WeakMap<ContentRepository, SearchEngine>();
let embedded: SqliteSearchEngine | undefined;

/** One pool per process and database: searches are short, a few connections serve many readers. */
const POOLS = Symbol.for('newsbite.search-pools');
const SEARCH_POOL_SIZE = 4;

function searchPool(url: string): Pool {
  const pools = ((globalThis as { [POOLS]?: Map<string, Pool> })[POOLS] ??= new Map());
  let pool = pools.get(url);
  if (!pool) {
    pool = createPool(url, SEARCH_POOL_SIZE, SEARCH_CONNECTION_OPTIONS);
    pools.set(url, pool);
  }
  return pool;
}

export function searchEngineFor(content: ContentRepository, databaseUrl = process.env.DATABASE_URL): SearchEngine {
  let engine = engines.get(content);
  if (engine) return engine;
  if (databaseUrl) {
    engine = new PostgresSearchEngine(searchPool(databaseUrl), (section, slug) => content.article(section, slug), (slugs) => content.readStories(slugs));
  } else {
    // Bodies are read, analysed and written in the index's worker thread, from the folder.
    const { contentDir } = contentLocations();
    // The production server offers the worker (lib/search/index-worker-start.ts): a route may not start one itself.
    embedded ??= SqliteSearchEngine.open(searchIndexPath(contentDir), { contentDir, startWorker: offeredIndexWorker() });
    // Hits are looked up in the repository's own index (withdrawn stories are not hits).
    embedded.syncInBackground(content.articles, (slug) => {
      const article = content.bySlug(slug);
      return article?.status === 'published' ? article : undefined;
    });
    engine = embedded;
  }
  engines.set(content, engine);
  return engine;
}
