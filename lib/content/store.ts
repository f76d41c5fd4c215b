import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatProblem } from './errors';
import { loadContentVersion } from './catalogue';
import { parseFrontMatter } from './front-matter';
import { contentLocations, type ContentDirs } from './locations';

/**
 * Where publishing tools (the wire importer) write articles and photos. The content folder is
 * the store today (the site re-reads it within a second); a PostgreSQL store (issue 12) plugs
 * in behind the same interface.
 */
export interface StoredArticle {
  /** Path relative to the content folder, e.g. `articles/wire/some-story.md`. */
  file: string;
  /** The file name without `.md`: the story's URL slug. */
  slug: string;
  /** The whole file as stored. */
  text: string;
  /** Front matter as parsed (YAML 1.2, dates kept as strings), not yet validated. */
  data: Record<string, unknown>;
  body: string;
}

export interface CandidateArticle {
  file: string;
  markdown: string;
  /** Photos the article uses that are not stored yet: checked as if they were. */
  newPhotos: { src: string; bytes: Buffer }[];
}

export interface ArticleStore {
  /** The article whose front matter has `wire.uri` equal to `uri`. Throws if two files claim it. */
  findByWireUri(uri: string): Promise<StoredArticle | undefined>;
  /** Every article slug in use (file names are unique across all folders). */
  slugs(): Promise<Set<string>>;
  /** A file of the content folder such as sections.yml or wire.yml; undefined if absent. */
  readConfig(name: string): Promise<string | undefined>;
  /** What the site's loader would say about the article, without storing anything: `file: field: problem` lines. */
  check(candidate: CandidateArticle): Promise<string[]>;
  /** Stores a photo under its content-addressed name (before any article uses it); returns its src. */
  writePhoto(bytes: Buffer): Promise<string>;
  /** Replaces or creates an article in one step: readers see the old file or the new one, never a part. */
  writeArticle(file: string, markdown: string): Promise<void>;
  /** Runs `task` while no other importer (request or process) writes to this store. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Releases connections, so a command can exit. */
  close?(): Promise<void>;
}

/** A photo's name from its bytes: the same picture is stored once, and a name never changes meaning. */
export function photoFileName(bytes: Buffer): string {
  return `wire-${createHash('sha256').update(bytes).digest('hex').slice(0, 20)}.jpg`;
}

export function parseArticleFile(file: string, text: string): StoredArticle {
  const { data, content } = parseFrontMatter(text);
  return { file, slug: path.basename(file, '.md'), text, data: { ...(data as Record<string, unknown>) }, body: content };
}

/** Writes through a temporary file in the same folder, then renames it over the target (atomic on POSIX). */
async function writeAtomically(target: string, data: Buffer | string): Promise<void> {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/** Stores a photo in the shared photos folder under its content-addressed name; returns its src. */
export async function storePhoto(photosDir: string, bytes: Buffer): Promise<string> {
  const name = photoFileName(bytes);
  const target = path.join(photosDir, name);
  // Content-addressed: a file with this name already holds these bytes.
  if (!fs.existsSync(target)) await writeAtomically(target, bytes);
  return `/photos/${name}`;
}

const LOCK_FILE = '.wire-import.lock';
/** A lock older than this is from a process that died mid-import. */
const STALE_LOCK_MS = 120_000;
const LOCK_WAIT_MS = 60_000;

interface IndexEntry {
  stamp: string;
  uri?: string;
}
/** wire.uri of each article file, per content folder, shared by every store on that folder in this process. */
const indexes = new Map<string, { folders: string; files: Map<string, IndexEntry> }>();

/** One queue per folder in this process; the lock file keeps other processes (a cron CLI) out. */
const queues = new Map<string, Promise<unknown>>();

export class FolderStore implements ArticleStore {
  constructor(readonly dirs: ContentDirs = contentLocations()) {}

  private get articlesDir() {
    return path.join(this.dirs.contentDir, 'articles');
  }

  private async articleFiles(): Promise<string[]> {
    try {
      const names = (await fsp.readdir(this.articlesDir, { recursive: true, encoding: 'utf8' })) as string[];
      return names.filter((name) => name.endsWith('.md')).sort().map((name) => `articles/${name.split(path.sep).join('/')}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /**
   * The uri index is the articles themselves: each file's `wire.uri`. Nothing to keep in step
   * with the folder, so an editor's rename, delete or restore from git is seen at once. It is
   * cached per folder: the folders' modification times (changed by every create, delete and
   * atomic replace, ours or another process's) say when to look again, and then only files
   * whose size or time changed are re-read.
   */
  async findByWireUri(uri: string): Promise<StoredArticle | undefined> {
    const index = await this.uriIndex();
    const matches = [...index.entries()].filter(([, entry]) => entry.uri === uri).map(([file]) => file);
    if (matches.length > 1) throw new Error(`${matches.join(' and ')} both have wire.uri ${uri}: keep one of them`);
    return matches.length ? this.readArticle(matches[0]) : undefined;
  }

  private async uriIndex(): Promise<Map<string, IndexEntry>> {
    const cached = indexes.get(this.dirs.contentDir) ?? { folders: '', files: new Map<string, IndexEntry>() };
    indexes.set(this.dirs.contentDir, cached);
    const files = await this.articleFiles();
    const folders = new Set([this.articlesDir, ...files.map((file) => path.dirname(path.join(this.dirs.contentDir, file)))]);
    const stamps: string[] = [];
    for (const folder of [...folders].sort()) {
      const stat = await fsp.stat(folder).catch(() => undefined);
      stamps.push(`${folder} ${stat?.mtimeMs}`);
    }
    const folderStamp = `${files.length}\n${stamps.join('\n')}`;
    if (folderStamp === cached.folders) return cached.files;
    const seen = new Set(files);
    for (const key of [...cached.files.keys()]) if (!seen.has(key)) cached.files.delete(key);
    for (const file of files) {
      const absolute = path.join(this.dirs.contentDir, file);
      const stat = await fsp.stat(absolute).catch(() => undefined);
      if (!stat) continue;
      const stamp = `${stat.size} ${stat.mtimeMs}`;
      if (cached.files.get(file)?.stamp !== stamp) cached.files.set(file, { stamp, uri: await this.wireUriOf(absolute) });
    }
    cached.folders = folderStamp;
    return cached.files;
  }

  private async wireUriOf(absolute: string): Promise<string | undefined> {
    try {
      const text = await fsp.readFile(absolute, 'utf8');
      if (!/^wire:/m.test(text)) return undefined;
      const wire = parseArticleFile(absolute, text).data.wire as { uri?: unknown } | undefined;
      return typeof wire?.uri === 'string' ? wire.uri : undefined;
    } catch {
      return undefined;
    }
  }

  private async readArticle(file: string): Promise<StoredArticle | undefined> {
    try {
      return parseArticleFile(file, await fsp.readFile(path.join(this.dirs.contentDir, file), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async slugs(): Promise<Set<string>> {
    return new Set((await this.articleFiles()).map((file) => path.basename(file, '.md')));
  }

  async readConfig(name: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(path.join(this.dirs.contentDir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Runs the site's own loader on a scratch folder holding the sections, the authors, this one
   * article and its photos: every check a page would make, without touching the live folder.
   * (Links to other stories, `related`, are checked by the caller against `slugs()`.)
   */
  async check(candidate: CandidateArticle): Promise<string[]> {
    const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'newsbite-check-'));
    try {
      const contentDir = path.join(scratch, 'content');
      const photosDir = path.join(scratch, 'photos');
      await fsp.mkdir(photosDir, { recursive: true });
      await fsp.mkdir(contentDir, { recursive: true });
      for (const name of ['sections.yml']) {
        const source = path.join(this.dirs.contentDir, name);
        if (fs.existsSync(source)) await fsp.copyFile(source, path.join(contentDir, name));
      }
      const authors = path.join(this.dirs.contentDir, 'authors');
      if (fs.existsSync(authors)) await fsp.cp(authors, path.join(contentDir, 'authors'), { recursive: true });
      const target = path.join(contentDir, candidate.file);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.writeFile(target, candidate.markdown);
      const fresh = new Map(candidate.newPhotos.map((photo) => [photo.src, photo.bytes]));
      for (const src of new Set(candidate.markdown.match(/\/photos\/[a-z0-9][a-z0-9._-]*\.(?:jpe?g|png|webp|avif)/g) ?? [])) {
        const name = src.slice('/photos/'.length);
        const bytes = fresh.get(src);
        if (bytes) await fsp.writeFile(path.join(photosDir, name), bytes);
        else if (fs.existsSync(path.join(this.dirs.photosDir, name))) await fsp.copyFile(path.join(this.dirs.photosDir, name), path.join(photosDir, name));
      }
      const { problems } = loadContentVersion({ contentDir, photosDir });
      return problems.map(formatProblem);
    } finally {
      await fsp.rm(scratch, { recursive: true, force: true });
    }
  }

  writePhoto(bytes: Buffer): Promise<string> {
    return storePhoto(this.dirs.photosDir, bytes);
  }

  async writeArticle(file: string, markdown: string): Promise<void> {
    if (!/^articles\/[a-z0-9/_-]+\.md$/.test(file) || file.includes('..')) throw new Error(`${file} is not an article path`);
    await writeAtomically(path.join(this.dirs.contentDir, file), markdown);
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const key = this.dirs.contentDir;
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withLockFile(task));
    queues.set(key, run.catch(() => undefined));
    return run;
  }

  private async withLockFile<T>(task: () => Promise<T>): Promise<T> {
    const lock = path.join(this.dirs.contentDir, LOCK_FILE);
    const started = Date.now();
    for (;;) {
      try {
        const handle = await fsp.open(lock, 'wx');
        await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const stat = await fsp.stat(lock).catch(() => undefined);
        if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
          await fsp.rm(lock, { force: true });
          continue;
        }
        if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`another import has held ${lock} for over ${LOCK_WAIT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    try {
      return await task();
    } finally {
      await fsp.rm(lock, { force: true });
    }
  }
}
