/**
 * Publishes Markdown articles and live blog entries into the configured store, validated first
 * as the site would:
 *
 *   npm run publish -- FILE.md [FILE.md ...] [--withdraw SLUG [--reason TEXT]] ...
 *   npm run publish -- content/live/STORY/ENTRY-ID.md ...      (an entry: its path says which blog)
 *   npm run publish -- --live STORY FILE.md ...                 (an entry of blog STORY, its id the file name)
 *   npm run publish -- --delete-entry STORY ENTRY-ID ...        (marks it status: deleted: its permalink answers 410)
 *
 * A file whose path ends in live/<story-slug>/<entry-id>.md is an entry of that live blog; any
 * other .md file is an article (its file name is its slug). An entry is checked as the site
 * checks one: on its own, and against its story, which must be a live blog (front matter `live`).
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
import { entryOfFile, slugOfFile } from '../lib/content/load';
import { contentLocations } from '../lib/content/locations';
import { applyChanges, ChangeRefused, entryFile, storyOfChange, type ContentChange } from '../lib/store/changes';
import { writeFolderVersion } from '../lib/store/folder';
import { createPool, describeUrl } from '../lib/store/postgres-connection';
import { PublishRefused, writeVersion } from '../lib/store/postgres';
import { announceContent } from '../lib/store/redis';

const USAGE = 'usage: npm run publish -- FILE.md [FILE.md ...] [--withdraw SLUG [--reason TEXT]] [--live STORY ENTRY.md] [--delete-entry STORY ENTRY-ID]';

function readMarkdown(file: string): string {
  if (!file.endsWith('.md')) throw new Error(`${file}: an article or entry is a Markdown file (.md)`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function parseArguments(argv: string[]): ContentChange[] {
  const changes: ContentChange[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--withdraw') {
      const slug = argv[++i];
      if (!slug) throw new Error('--withdraw needs a slug');
      const reason = argv[i + 1] === '--reason' ? argv[(i += 2)] : undefined;
      changes.push({ kind: 'withdraw', slug, reason });
    } else if (argument === '--live') {
      const [story, file] = [argv[++i], argv[++i]];
      if (!story || !file) throw new Error('--live needs the story slug and an entry file: --live STORY ENTRY-ID.md');
      changes.push({ kind: 'entry', story, id: slugOfFile(path.basename(file)), text: readMarkdown(file) });
    } else if (argument === '--delete-entry') {
      const [story, id] = [argv[++i], argv[++i]];
      if (!story || !id) throw new Error('--delete-entry needs the story slug and the entry id: --delete-entry STORY ENTRY-ID');
      changes.push({ kind: 'delete-entry', story, id });
    } else if (argument.startsWith('--')) {
      throw new Error(`unknown option ${argument}`);
    } else {
      const text = readMarkdown(argument);
      // Only the path's last three parts: content/live/<story>/<id>.md from any folder.
      const entry = entryOfFile(argument.split(path.sep).slice(-3).join('/'));
      changes.push(entry ? { kind: 'entry', ...entry, text } : { kind: 'article', slug: slugOfFile(path.basename(argument)), text });
    }
  }
  if (!changes.length) throw new Error(USAGE);
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
  const entryFiles = changes.flatMap((change) => ('id' in change ? [entryFile(change.story, change.id)] : []));
  const databaseUrl = process.env.DATABASE_URL;
  const store = databaseUrl ? `PostgreSQL ${describeUrl(databaseUrl)}` : `content folder ${dirs.contentDir}`;
  try {
    let version: string | undefined;
    let written: string[];
    if (databaseUrl) {
      const pool = createPool(databaseUrl, 1);
      try {
        ({ version, written } = await writeVersion(pool, dirs.photosDir, (current) => applyChanges(current, changes), { slugs: changes.map(storyOfChange), entries: entryFiles }));
      } finally {
        await pool.end().catch(() => undefined);
      }
      if (process.env.REDIS_URL && !(await announceContent(process.env.REDIS_URL, version))) {
        console.warn('publish: Redis did not take the announcement; instances catch up through PostgreSQL NOTIFY and their version check');
      }
    } else {
      // Entries alone are checked against what they depend on; a story against the whole folder.
      const onlyEntries = changes.every((change) => 'id' in change);
      ({ written } = writeFolderVersion(dirs, (current) => applyChanges(current, changes), onlyEntries ? { stories: changes.map(storyOfChange), entries: entryFiles } : undefined));
    }
    console.log(`published to ${store}${version ? ` (store version ${version})` : ''}: ${written.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof PublishRefused || error instanceof ChangeRefused) {
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
