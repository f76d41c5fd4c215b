/**
 * Publishes Markdown articles into the configured store, validated first as the site would:
 *
 *   npm run publish -- FILE.md [FILE.md ...] [--withdraw SLUG [--reason TEXT]] ...
 *
 * PostgreSQL when DATABASE_URL is set (one transaction; every instance hears of it through
 * LISTEN/NOTIFY, Redis pub/sub when REDIS_URL is set, and the version poll), the content folder
 * (CONTENT_DIR) otherwise. Each file is validated as the site would (sections, authors, photos
 * in PHOTOS_DIR, related picks, old URLs); any problem of a file published refuses the publish and
 * nothing is written (another story's problem never does).
 * Exit codes: 0 published, 1 refused (content problems or bad arguments), 2 store unreachable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { slugOfFile } from '../lib/content/load';
import { contentLocations } from '../lib/content/locations';
import { applyChanges, type ContentChange } from '../lib/store/changes';
import { writeFolderVersion } from '../lib/store/folder';
import { createPool, describeUrl, PublishRefused, writeVersion } from '../lib/store/postgres';
import { announceContent } from '../lib/store/redis';

function parseArguments(argv: string[]): ContentChange[] {
  const changes: ContentChange[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--withdraw') {
      const slug = argv[++i];
      if (!slug) throw new Error('--withdraw needs a slug');
      const reason = argv[i + 1] === '--reason' ? argv[(i += 2)] : undefined;
      changes.push({ kind: 'withdraw', slug, reason });
    } else if (argument.startsWith('--')) {
      throw new Error(`unknown option ${argument}`);
    } else {
      if (!argument.endsWith('.md')) throw new Error(`${argument}: an article is a Markdown file (.md)`);
      let text: string;
      try {
        text = fs.readFileSync(argument, 'utf8');
      } catch (error) {
        throw new Error(`${argument}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      changes.push({ kind: 'article', slug: slugOfFile(path.basename(argument)), text });
    }
  }
  if (!changes.length) throw new Error('usage: npm run publish -- FILE.md [FILE.md ...] [--withdraw SLUG [--reason TEXT]]');
  return changes;
}

/** Errors that mean "the store is not there", as opposed to a refused change. */
function unreachable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = (error as Error).message ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P03'].includes(code) || /timeout|terminated|Connection terminated/i.test(message);
}

async function main(): Promise<number> {
  let changes: ContentChange[];
  try {
    changes = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`publish: ${(error as Error).message}`);
    return 1;
  }
  const dirs = contentLocations();
  const databaseUrl = process.env.DATABASE_URL;
  const store = databaseUrl ? `PostgreSQL ${describeUrl(databaseUrl)}` : `content folder ${dirs.contentDir}`;
  try {
    let version: string | undefined;
    let written: string[];
    if (databaseUrl) {
      const pool = createPool(databaseUrl, 1);
      try {
        ({ version, written } = await writeVersion(pool, dirs.photosDir, (current) => applyChanges(current, changes), { slugs: changes.map((change) => change.slug) }));
      } finally {
        await pool.end().catch(() => undefined);
      }
      if (process.env.REDIS_URL && !(await announceContent(process.env.REDIS_URL, version))) {
        console.warn('publish: Redis did not take the announcement; instances catch up through PostgreSQL NOTIFY and their version check');
      }
    } else {
      ({ written } = writeFolderVersion(dirs, (current) => applyChanges(current, changes)));
    }
    console.log(`published to ${store}${version ? ` (store version ${version})` : ''}: ${written.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof PublishRefused) {
      console.error(`publish: ${error.message}`);
      return 1;
    }
    if (databaseUrl && unreachable(error)) {
      console.error(`publish: cannot reach ${store} (${(error as Error).message || (error as NodeJS.ErrnoException).code}); nothing was published, try again when it is back`);
      return 2;
    }
    console.error(`publish: failed, nothing was published: ${(error as Error).message}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
