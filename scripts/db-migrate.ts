/**
 * Creates or updates the content store's schema (DATABASE_URL): applies the versioned
 * migrations in db/migrations/ not applied yet, each in one transaction.
 *
 *   npm run db:migrate
 *   npm run db:migrate -- --load [content folder]   (then replaces the stored content with a folder's)
 *   npm run db:migrate -- --reindex-search          (then rebuilds the search index from the stored content)
 *
 * Applying the search migration (002) to a store with content builds its search index too, and
 * the change-log (003), checked-story (005) and lists (007) migrations fill what each story's row
 * keeps beside its text (its URLs; the article as checked and its lede; the lists it is in).
 */
import path from 'node:path';
import { contentLocations } from '../lib/content/locations';
import { migrate } from '../lib/store/migrate';
import { checkStoredStories, loadFolder, reindexSearch } from '../lib/store/postgres';
import { createPool, describeUrl } from '../lib/store/postgres-connection';

/** Migrations that create indexes the stored content must then fill. */
const SEARCH_MIGRATION = '002_search.sql';
const STORY_COLUMN_MIGRATIONS = ['003_changes.sql', '005_checked.sql', '007_article_lists.sql'];

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL, e.g. postgres://newsbite@127.0.0.1:5432/newsbite');
  const pool = createPool(url, 1);
  try {
    const applied = await migrate(pool);
    console.log(`db: ${describeUrl(url)} is at the latest schema (${applied.length} migration(s) applied now)`);
    const loadAt = process.argv.indexOf('--load');
    const reindex = applied.includes(SEARCH_MIGRATION) || process.argv.includes('--reindex-search');
    const fill = applied.some((name) => STORY_COLUMN_MIGRATIONS.includes(name));
    const dirs = contentLocations(loadAt !== -1 && process.argv[loadAt + 1] ? { ...process.env, CONTENT_DIR: path.resolve(process.argv[loadAt + 1]) } : process.env);
    if (loadAt !== -1) {
      const { version, articles, entries } = await loadFolder(pool, dirs);
      console.log(`db: loaded ${articles} articles and ${entries} live blog entries from ${dirs.contentDir} (store version ${version}), search index included`);
    } else {
      if (reindex) console.log(`db: search index rebuilt: ${await reindexSearch(pool, dirs.photosDir)} stories`);
      if (fill) console.log(`db: checked stories filled: ${await checkStoredStories(pool, dirs.photosDir)} stories`);
    }
    // A whole store replaced (or every row filled) leaves every old row dead until autovacuum
    // passes, and searches wade through them meanwhile (85 ms instead of 25 over 1,000 stories
    // after a 100,000 reload).
    if (loadAt !== -1 || reindex || fill) {
      await pool.query('VACUUM ANALYZE articles, article_lists, search_documents, search_words');
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: Error) => {
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
});
