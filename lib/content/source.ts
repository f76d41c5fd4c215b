import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bodyOfText } from './bodies';
import type { CatalogueCache } from './catalogue-cache';
import type { DocumentChange } from './catalogue';
import { readContentFolder, type RawContent } from './load';
import type { ContentDirs } from './locations';
import type { StoredLists } from './lists';
import type { StoredPicks } from './related-ranking';
import type { Article } from './types';
import { watchFolders } from './watch-folders';

/** What changed in a source since it was last read. */
export interface SourceChanges {
  signature: string;
  documents: DocumentChange[];
  /** Photo srcs ("/photos/x.jpg") whose files were added, replaced or removed. */
  photos: string[];
}

/** What a source read, and the signature it had when read (a change after it is noticed next time). */
export interface ContentSnapshot {
  signature: string;
  raw: RawContent;
  /** Articles checked before whose files have not changed since (a persisted catalogue): not in `raw`. */
  checked?: Article[];
  /**
   * The stories a first part leaves out (readFront): read after it, a batch at a time, while
   * the fronts are served; `slugs` names every story, so checks that name one not read yet pass.
   */
  rest?: { slugs: ReadonlySet<string>; stories: AsyncIterable<Article[]> };
  /**
   * Set instead of `rest` when the store has more stories than the instance may hold (a bounded
   * catalogue, decision 48): the rest is never read whole but a story at a time when asked for
   * (storiesAt, storiesWithSlugs, storiesWithHeroCrop), and the store vouches for the checks that
   * name stories not held (it checked them at publish). `frontWindow`: how many of the newest
   * public stories, site-wide and of each section, the front holds.
   */
  onDemand?: { frontWindow: number };
}

/**
 * Where content versions come from: the content folder (the default) or a shared store
 * (PostgreSQL, lib/store/postgres-source.ts). A source only yields raw documents; validation is
 * the same for every source (validateContent in load.ts).
 */
export interface ContentSource {
  /** How logs name the store, e.g. "content folder /srv/content" or "PostgreSQL 127.0.0.1:5432/newsbite". */
  readonly label: string;
  /** The shared photos folder the photos of every version are checked against and served from. */
  readonly photosDir: string;
  /** Cheap, and different whenever the content may have changed; throws when the store is unreachable. */
  signature(): string | Promise<string>;
  /**
   * The content and its signature. `signature` is one just taken by signature(): a source whose
   * snapshot is not read with its signature (the folder) uses it rather than scanning again.
   */
  read(signature?: string): ContentSnapshot | Promise<ContentSnapshot>;
  /**
   * For a large store (PostgreSQL): what the fronts and feeds show, with the rest of the stories
   * to read after it (`rest`), so that an instance starts serving without reading the archive;
   * or, when the store has more than `holdsUpTo` stories, without the rest (`onDemand`).
   */
  readFront?(holdsUpTo: number): Promise<ContentSnapshot>;
  /** For a store read on demand: every story as checked, a batch at a time (what ranking a whole archive reads). */
  everyStory?(): AsyncIterable<Article[]>;
  /**
   * For a store read in parts (readFront): the stories stored that answer at `path` (their URL
   * or an old one) as checked, read on their own; undefined when it cannot tell (a row not
   * checked yet), so the caller waits for the rest.
   */
  storiesAt?(path: string): Promise<Article[] | undefined>;
  /**
   * For a store read in parts: the stories stored with these slugs, as checked (a row not
   * checked yet is left out), read on their own: what a related box or a search result names.
   */
  storiesWithSlugs?(slugs: string[]): Promise<Article[]>;
  /** For a store read in parts: the public stories whose hero crops to `file` (/crops/<ratio>/<file>), as checked. */
  storiesWithHeroCrop?(file: string): Promise<Article[]>;
  /**
   * For a source that can tell what changed since its last read or changes() (the folder by its
   * files' stamps, PostgreSQL by its change log): the documents saved, removed or unreadable,
   * and the photos changed, reading only those; or a whole snapshot when it cannot tell (a
   * store further behind than its log). `paths` narrows it to what a watcher named. A source
   * without it is read whole on each change, and the catalogue works out which documents differ.
   */
  changes?(paths?: string[]): SourceChanges | ContentSnapshot | Promise<SourceChanges | ContentSnapshot>;
  /** Persists what the catalogue vouches for, so that the next start parses only what changed. */
  save?(articles: Article[], log: (message: string) => void): Promise<void>;
  /** A stored article's body read on demand (the folder): the live content then holds no bodies. */
  bodyOf?(file: string): string | undefined;
  /**
   * Stored articles' bodies read on demand from a store read asynchronously (PostgreSQL), by
   * file: pages and feeds await them (withBodies) before they render.
   */
  bodiesOf?(files: string[]): Promise<Map<string, string>>;
  /** Their ledes (the start of the body, what related ranking reads), by file: for a store without files to read them from. */
  ledesOf?(files: string[]): Promise<Map<string, string>>;
  /** Section, topic and author lists and the corrected stories kept in the store (decision 47): listing pages read them a page at a time. */
  lists?: StoredLists;
  /** Related picks ranked once for a store that instances share, and kept in it (decision 46): read, not ranked, by each. */
  relatedPicks?: StoredPicks;
  /**
   * Starts pushing hints that something changed (file watching, LISTEN/NOTIFY), with the paths
   * concerned when the source knows them. Returns the function that stops it.
   */
  watch(changed: (paths?: string[]) => void, log: (message: string) => void): () => void;
  /** Releases connections. */
  close?(): void | Promise<void>;
}

/** size and modification time: a file whose stamp is unchanged is not read again. */
type Stamps = Map<string, string>;

/** What the folder holds that is content: sections.yml, authors/*.md, articles/**.md and live/<story>/*.md. */
function isContentFile(file: string): boolean {
  return file === 'sections.yml' || (file.endsWith('.md') && (file.startsWith('authors/') || file.startsWith('articles/') || file.startsWith('live/')));
}

/** Lock files and the temporary files of atomic saves are not content. */
const isHidden = (file: string) => file.split('/').some((part) => part.startsWith('.'));

function stampOf(absolute: string): string | undefined {
  try {
    const stat = fs.statSync(absolute);
    return stat.isFile() ? `${stat.size} ${stat.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Every file below `dir` that `keep` wants, with its stamp, by path relative to `dir` (forward slashes). */
function scan(dir: string, keep: (file: string) => boolean, below = ''): Stamps {
  const stamps: Stamps = new Map();
  let names: string[];
  try {
    names = fs.readdirSync(path.join(dir, below), { recursive: true, encoding: 'utf8' }) as string[];
  } catch {
    return stamps;
  }
  for (const name of names) {
    const file = path.posix.join(below, name.split(path.sep).join('/'));
    if (isHidden(file) || !keep(file)) continue;
    const stamp = stampOf(path.join(dir, file));
    if (stamp !== undefined) stamps.set(file, stamp);
  }
  return stamps;
}

/** Files whose stamp differs between two scans, or that one of them lacks. */
function differences(before: Stamps, after: Stamps, within?: (file: string) => boolean): string[] {
  const changed: string[] = [];
  for (const [file, stamp] of after) if (before.get(file) !== stamp) changed.push(file);
  for (const file of before.keys()) if (!after.has(file) && (!within || within(file))) changed.push(file);
  return changed;
}

/** A digest of stamps, for the status endpoint and to skip a read when nothing changed. */
function digest(...all: Stamps[]): string {
  const hash = createHash('sha1');
  for (const stamps of all) for (const [file, stamp] of [...stamps].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${file} ${stamp}\n`);
  return hash.digest('base64url').slice(0, 16);
}

/**
 * The content folder and the photos folder, watched. After the first read it keeps each file's
 * stamp, so a change reads only the files whose stamp changed: those the watcher named, or all
 * that differ on a full scan (the poll, the safety net behind file watching).
 */
export function folderSource(dirs: ContentDirs, cache?: CatalogueCache): ContentSource {
  const isPhoto = () => true;
  // The photos folder may sit inside the content folder (content/photos): each scan keeps its own files.
  const photosInside = path.relative(dirs.contentDir, dirs.photosDir);
  const keepContent = (file: string) => isContentFile(file) && (photosInside.startsWith('..') || !file.startsWith(`${photosInside}/`));
  let content: Stamps = new Map();
  let photos: Stamps = new Map();


  const readText = (file: string): DocumentChange => {
    try {
      return { file, text: fs.readFileSync(path.join(dirs.contentDir, file), 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file };
      return { file, unreadable: { file, field: 'file', problem: `cannot be read: ${(error as Error).message}` } };
    }
  };

  /**
   * Brings `stamps` up to date below `relative` (a file, a folder, or '' for all of `dir`) and
   * returns the files whose stamp changed. A folder (created, renamed, removed) is scanned whole.
   */
  const update = (dir: string, stamps: Stamps, keep: (file: string) => boolean, relative: string): string[] => {
    const stamp = relative && keep(relative) ? stampOf(path.join(dir, relative)) : undefined;
    const found = stamp !== undefined ? new Map([[relative, stamp]]) : scan(dir, keep, relative);
    const within = (file: string) => !relative || file === relative || file.startsWith(`${relative}/`);
    const changed = differences(stamps, found, within).filter(within);
    for (const file of changed) {
      const next = found.get(file);
      if (next === undefined) stamps.delete(file);
      else stamps.set(file, next);
    }
    return changed;
  };

  /** The changed files below the paths a watcher named (absolute), or anywhere. */
  const rescan = (paths: string[] = [dirs.contentDir, dirs.photosDir]): { documents: string[]; photos: string[] } => {
    const documents = new Set<string>();
    const changedPhotos = new Set<string>();
    const relativeTo = (dir: string, absolute: string) => {
      const relative = path.relative(dir, absolute);
      return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
    };
    for (const absolute of paths) {
      const inPhotos = relativeTo(dirs.photosDir, absolute);
      const inContent = relativeTo(dirs.contentDir, absolute);
      if (inPhotos !== undefined) for (const file of update(dirs.photosDir, photos, isPhoto, inPhotos)) changedPhotos.add(file);
      if (inContent !== undefined && (inPhotos === undefined || inContent === '')) {
        for (const file of update(dirs.contentDir, content, keepContent, inContent)) documents.add(file);
      }
    }
    return { documents: [...documents].sort(), photos: [...changedPhotos].sort() };
  };

  return {
    label: `content folder ${dirs.contentDir}`,
    photosDir: dirs.photosDir,
    signature: () => digest(scan(dirs.contentDir, keepContent), scan(dirs.photosDir, isPhoto)),
    read: () => {
      // The stamps are taken before the files are read, so a change during the read is seen next time.
      content = scan(dirs.contentDir, keepContent);
      photos = scan(dirs.photosDir, isPhoto);
      const checked = cache?.read(content, photos) ?? new Map();
      return { signature: digest(content, photos), raw: readContentFolder(dirs.contentDir, new Set(checked.keys()), { lazyArticles: true }), checked: [...checked.values()] };
    },
    save: cache && ((articles, log) => cache.write(articles, content, photos, log)),
    bodyOf(file) {
      try {
        return bodyOfText(fs.readFileSync(path.join(dirs.contentDir, file), 'utf8'));
      } catch {
        return undefined;
      }
    },
    changes(paths) {
      const changed = rescan(paths);
      return { signature: digest(content, photos), documents: changed.documents.map(readText), photos: changed.photos.map((file) => `/photos/${file}`) };
    },
    watch(changed, log) {
      const closers: (() => void)[] = [];
      for (const dir of new Set([dirs.contentDir, dirs.photosDir])) {
        try {
          closers.push(watchFolders(dir, changed, (error) => log(`content: watching ${dir} failed (${error.message}); polling only`)));
        } catch (error) {
          log(`content: cannot watch ${dir} (${(error as Error).message}); polling only`);
        }
      }
      return () => closers.forEach((close) => close());
    },
  };
}
