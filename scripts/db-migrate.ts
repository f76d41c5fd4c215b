/**
 * Creates or updates the content store's schema (DATABASE_URL): applies the versioned
 * migrations in db/migrations/ not applied yet, each in one transaction.
 *
 *   npm run db:migrate
 *   npm run db:migrate -- --load [content folder]   (then replaces the stored content with a folder's)
 */
import path from 'node:path';
import { readContentFolder } from '../lib/content/load';
import { contentLocations } from '../lib/content/locations';
import { migrate } from '../lib/store/migrate';
import { createPool, describeUrl, writeVersion } from '../lib/store/postgres';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL, e.g. postgres://newsbite@127.0.0.1:5432/newsbite');
  const pool = createPool(url, 1);
  try {
    const applied = await migrate(pool);
    console.log(`db: ${describeUrl(url)} is at the latest schema (${applied.length} migration(s) applied now)`);
    const loadAt = process.argv.indexOf('--load');
    if (loadAt !== -1) {
      const folder = process.argv[loadAt + 1];
      const dirs = contentLocations(folder ? { ...process.env, CONTENT_DIR: path.resolve(folder) } : process.env);
      const raw = readContentFolder(dirs.contentDir);
      const { version, written } = await writeVersion(pool, dirs.photosDir, () => ({ raw, written: raw.articles, replaceAll: true }));
      console.log(`db: loaded ${written.length} articles from ${dirs.contentDir} (store version ${version})`);
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: Error) => {
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
});
