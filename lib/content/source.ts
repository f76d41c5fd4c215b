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
import { type FolderScanner, isHidden, type ScanFoldersOffThread, scan, stampedFiles, StampTable, stampOf } from './stamps';
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
  /**
   * For a source that scans off the serving thread (the folder, with the production server's
   * worker): scans every stamp and resolves to the paths (absolute) whose stamp differs from
   * those read, for changes() to read as a watcher's hints. The poll uses it instead of a full
   * changes(), so no check waits for a scan.
   */
  scanChanged?(): Promise<string[]>;
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

/**
 * The content folder and the photos folder, watched. After the first read it keeps each file's
 * stamp, so a change reads only the files whose stamp changed: those the watcher named, or all
 * that differ on a full scan (the poll, the safety net behind file watching), which
 * `scanOffThread` (the production server's worker) makes without holding the serving thread.
 */
export function folderSource(dirs: ContentDirs, cache?: CatalogueCache, scanOffThread?: ScanFoldersOffThread): ContentSource {
  const keep = stampedFiles(dirs);
  let content = new StampTable();
  let photos = new StampTable();
  let scanner: FolderScanner | undefined;

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
  const update = (dir: string, stamps: StampTable, keepFile: (file: string) => boolean, relative: string): string[] => {
    // The temporary file of an atomic save, a lock: nothing below it is stamped.
    if (isHidden(relative)) return [];
    if (relative && keepFile(relative)) {
      const absolute = path.join(dir, relative);
      const stamp = stampOf(absolute);
      // A file saved or removed: its own stamp, without looking through the archive's.
      if (stamp !== undefined || !fs.existsSync(absolute)) return stamps.set(relative, stamp) ? [relative] : [];
    }
    return stamps.update(scan(dir, keepFile, relative), (file) => !relative || file === relative || file.startsWith(`${relative}/`));
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
      if (inPhotos !== undefined) for (const file of update(dirs.photosDir, photos, keep.photos, inPhotos)) changedPhotos.add(file);
      if (inContent !== undefined && (inPhotos === undefined || inContent === '')) {
        for (const file of update(dirs.contentDir, content, keep.content, inContent)) documents.add(file);
      }
    }
    return { documents: [...documents].sort(), photos: [...changedPhotos].sort() };
  };

  const changesFound = (changed: { documents: string[]; photos: string[] }): SourceChanges => ({
    signature: signatureOf(content, photos),
    documents: changed.documents.map(readText),
    photos: changed.photos.map((file) => `/photos/${file}`),
  });

  return {
    label: `content folder ${dirs.contentDir}`,
    photosDir: dirs.photosDir,
    signature: () => signatureOf(new StampTable(scan(dirs.contentDir, keep.content)), new StampTable(scan(dirs.photosDir, keep.photos))),
    read: () => {
      // The stamps are taken before the files are read, so a change during the read is seen next time.
      content = new StampTable(scan(dirs.contentDir, keep.content));
      photos = new StampTable(scan(dirs.photosDir, keep.photos));
      const checked = cache?.read(content.stamps, photos.stamps) ?? new Map();
      return { signature: signatureOf(content, photos), raw: readContentFolder(dirs.contentDir, new Set(checked.keys()), { lazyArticles: true }), checked: [...checked.values()] };
    },
    save: cache && ((articles, log) => cache.write(articles, content.stamps, photos.stamps, log)),
    bodyOf(file) {
      try {
        return bodyOfText(fs.readFileSync(path.join(dirs.contentDir, file), 'utf8'));
      } catch {
        return undefined;
      }
    },
    changes: (paths) => changesFound(rescan(paths)),
    ...(scanOffThread && {
      async scanChanged() {
        scanner ??= scanOffThread(dirs);
        const { found, changed } = await scanner.scan();
        const scanned = changed ?? found;
        return [
          ...content.differing(scanned.content, !changed).map((file) => path.join(dirs.contentDir, file)),
          ...photos.differing(scanned.photos, !changed).map((file) => path.join(dirs.photosDir, file)),
        ];
      },
    }),
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
    close: () => scanner?.close(),
  };
}

/** The folder's signature: its stamps' digests (what changed is found by the stamps themselves). */
function signatureOf(content: StampTable, photos: StampTable): string {
  return `${content.digestString()}-${photos.digestString()}`;
}
