import { contentLocations } from '../content/locations';
import { FolderStore, type ArticleStore } from '../content/store';
import { PostgresArticleStore } from './postgres-articles';
import { createPool } from './postgres-connection';

/** One pool per process for the push endpoint, which asks for the store on every request. */
let sharedPool: { url: string; pool: ReturnType<typeof createPool> } | undefined;

/** The store the site is configured with: the content folder, or PostgreSQL when DATABASE_URL is set. */
export function createStore(env: NodeJS.ProcessEnv = process.env, { shared = false } = {}): ArticleStore {
  const dirs = contentLocations(env);
  const url = env.DATABASE_URL;
  if (!url) return new FolderStore(dirs);
  if (!shared) return new PostgresArticleStore(createPool(url, 2), dirs);
  if (sharedPool?.url !== url) sharedPool = { url, pool: createPool(url, 2) };
  return new PostgresArticleStore(sharedPool.pool, dirs);
}
