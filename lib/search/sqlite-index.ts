import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cacheFile } from '../content/locations';

/**
 * The embedded search index's file: SQLite with an FTS5 table, a cache of the content folder
 * (never the source of truth), rebuilt from the folder whenever it is missing, corrupt or of
 * another schema version (docs/search.md).
 */

export type SearchIndexDatabase = Database.Database;
export type SearchIndexStatement = Database.Statement<unknown[]>;

/** Marks a SQLite file as a NewsBite search index ("NBsx"), so that no other database is ever replaced. */
const APPLICATION_ID = 0x4e427378;
/** Raise whenever the tables or what goes into them change: an index of another version is rebuilt. */
export const SCHEMA_VERSION = 1;

/**
 * Where the index of a content folder lives: SEARCH_INDEX_PATH, else `.newsbite/` in the working
 * directory (the project), one file per content folder, so a server on another folder (a test,
 * a benchmark) never reads or rewrites this one. `:memory:` keeps it in the process (tests).
 */
export function searchIndexPath(contentDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEARCH_INDEX_PATH) return env.SEARCH_INDEX_PATH === ':memory:' ? ':memory:' : path.resolve(env.SEARCH_INDEX_PATH);
  return cacheFile(contentDir, 'search', 'sqlite');
}

const SCHEMA = `
  -- One row per indexed story: what filters read, and the revision that was indexed.
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    revision TEXT NOT NULL,
    section TEXT NOT NULL,
    published INTEGER NOT NULL,
    -- Author ids and topic slugs, each between spaces: ' ann-lee bo '.
    authors TEXT NOT NULL,
    tags TEXT NOT NULL
  );
  -- The stories' index terms (analysed in JavaScript: folded, stop words out, stemmed), one
  -- column per field, rowid = stories.id. Contentless: the terms are not stored twice.
  CREATE VIRTUAL TABLE story_terms USING fts5(headline, tags, standfirst, body, content='', contentless_delete=1, tokenize='ascii');
  -- Every word the stories use (folded, not stemmed) with how many indexed revisions used it.
  CREATE TABLE words (word TEXT PRIMARY KEY, stories INTEGER NOT NULL) WITHOUT ROWID;
  -- Stories written whose words are not counted in words yet (counts are written once per sync).
  CREATE TABLE uncounted (id INTEGER PRIMARY KEY);
`;

/** Thrown for a file this code may not use as it is but may replace: another schema version. */
class IncompatibleIndex extends Error {}

/** A SQLite error saying the file is damaged or not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function removeIndexFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function prepare(db: SearchIndexDatabase): SearchIndexDatabase {
  // Readers never wait for the writer, nor the writer for readers (several servers on one folder).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The operating system caches the file; SQLite's own cache stays small in every process.
  db.pragma('cache_size = -16000');
  const version = () => [db.pragma('application_id', { simple: true }), db.pragma('user_version', { simple: true })];
  const [applicationId, schemaVersion] = version();
  if (applicationId === APPLICATION_ID && schemaVersion === SCHEMA_VERSION) return db;
  if (applicationId === APPLICATION_ID) throw new IncompatibleIndex(`schema version ${schemaVersion}, not ${SCHEMA_VERSION}`);
  const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
  if (applicationId !== 0 || tables.n > 0) throw new Error('the file is a database but not a NewsBite search index: refusing to replace it');
  // A new file: created once, even when two servers open it at the same moment.
  db.transaction(() => {
    const [created] = version();
    if (created === APPLICATION_ID) return;
    db.exec(SCHEMA);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  const [applicationIdNow, schemaVersionNow] = version();
  if (applicationIdNow !== APPLICATION_ID || schemaVersionNow !== SCHEMA_VERSION) throw new IncompatibleIndex(`schema version ${schemaVersionNow}`);
  return db;
}

/**
 * Opens the index at `file`, creating it (and its folder) if need be. A corrupt file, or one of
 * another schema version, is deleted and created empty: the caller then indexes every story.
 */
export function openSearchIndex(file: string): SearchIndexDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: SearchIndexDatabase | undefined;
  try {
    db = new Database(file, { timeout: 10_000 });
    return prepare(db);
  } catch (error) {
    db?.close();
    if (file === ':memory:' || !(error instanceof IncompatibleIndex || isCorruption(error))) throw error;
    console.warn(`search index ${file}: ${(error as Error).message}; rebuilding it from the content`);
    removeIndexFiles(file);
    return prepare(new Database(file, { timeout: 10_000 }));
  }
}

/** Deletes a corrupt index found while in use and opens a new, empty one in its place. */
export function replaceSearchIndex(db: SearchIndexDatabase): SearchIndexDatabase {
  const file = db.name;
  db.close();
  if (file === ':memory:') return prepare(new Database(':memory:'));
  removeIndexFiles(file);
  return openSearchIndex(file);
}
