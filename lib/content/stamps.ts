import fs from 'node:fs';
import path from 'node:path';
import { OrderFreeDigest } from './digest';
import type { ContentDirs } from './locations';

/** Size and modification time by file: a file whose stamp is unchanged is not read again. */
export type Stamps = Map<string, string>;

/** What the folder holds that is content: sections.yml, authors/*.md, articles/**.md and live/<story>/*.md. */
function isContentFile(file: string): boolean {
  return file === 'sections.yml' || (file.endsWith('.md') && (file.startsWith('authors/') || file.startsWith('articles/') || file.startsWith('live/')));
}

/** Lock files and the temporary files of atomic saves are not content. */
export const isHidden = (file: string) => file.split('/').some((part) => part.startsWith('.'));

/** Which files of each folder are stamped: the photos folder may sit inside the content folder (content/photos), and each keeps its own files. */
export function stampedFiles(dirs: Pick<ContentDirs, 'contentDir' | 'photosDir'>): { content: (file: string) => boolean; photos: (file: string) => boolean } {
  const photosInside = path.relative(dirs.contentDir, dirs.photosDir);
  return {
    content: (file) => isContentFile(file) && (photosInside.startsWith('..') || !file.startsWith(`${photosInside}/`)),
    photos: () => true,
  };
}

export function stampOf(absolute: string): string | undefined {
  try {
    const stat = fs.statSync(absolute);
    return stat.isFile() ? `${stat.size} ${stat.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every entry below `dir` (files and folders, through links to folders), as paths relative to it
 * with forward slashes: what fs.readdirSync(dir, { recursive: true }) lists, in a fifth of its
 * time (Node 20-24 build that one in JavaScript with a stat per entry: 0.6-0.8 s for 100,000
 * files, 0.13 s here). A link back up the tree is not followed round.
 */
export function listFolder(dir: string): string[] {
  const entries: string[] = [];
  const followed = new Set<string>();
  const walk = (folder: string, below: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = below ? `${below}/${entry.name}` : entry.name;
      entries.push(relative);
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(absolute, relative);
      else if (entry.isSymbolicLink() && isFolder(absolute)) {
        const real = fs.realpathSync(absolute);
        if (followed.has(real)) continue;
        followed.add(real);
        walk(absolute, relative);
      }
    }
  };
  walk(dir, '');
  return entries;
}

function isFolder(absolute: string): boolean {
  try {
    return fs.statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

/** Every file below `dir` that `keep` wants, with its stamp, by path relative to `dir` (forward slashes). */
export function scan(dir: string, keep: (file: string) => boolean, below = ''): Stamps {
  const stamps: Stamps = new Map();
  let names: string[];
  try {
    names = listFolder(path.join(dir, below));
  } catch {
    return stamps;
  }
  for (const name of names) {
    const file = path.posix.join(below, name);
    if (isHidden(file) || !keep(file)) continue;
    const stamp = stampOf(path.join(dir, file));
    if (stamp !== undefined) stamps.set(file, stamp);
  }
  return stamps;
}

/** Files whose stamp differs between two scans, or that one of them lacks. */
function differences(before: ReadonlyMap<string, string>, after: Stamps, within?: (file: string) => boolean): string[] {
  const changed: string[] = [];
  for (const [file, stamp] of after) if (before.get(file) !== stamp) changed.push(file);
  for (const file of before.keys()) if (!after.has(file) && (!within || within(file))) changed.push(file);
  return changed;
}

/**
 * A folder's stamps and their order-free digest, kept up to date file by file: a change costs
 * its own files, where sorting and hashing 100,000 stamps for each change took 100-185 ms.
 */
export class StampTable {
  private readonly digest = new OrderFreeDigest();

  /** Takes `table` (a scan's) as its own. */
  constructor(private readonly table: Stamps = new Map()) {
    for (const [file, stamp] of table) this.digest.toggle(`${file} ${stamp}`);
  }

  get stamps(): ReadonlyMap<string, string> {
    return this.table;
  }

  /** Sets a file's stamp (none: the file is gone); returns whether it changed. */
  set(file: string, stamp: string | undefined): boolean {
    const before = this.table.get(file);
    if (before === stamp) return false;
    if (before !== undefined) this.digest.toggle(`${file} ${before}`);
    if (stamp === undefined) this.table.delete(file);
    else {
      this.digest.toggle(`${file} ${stamp}`);
      this.table.set(file, stamp);
    }
    return true;
  }

  /** Takes the stamps found where they differ (or, for a file `found` lacks, within `within`); returns the files that changed. */
  update(found: Stamps, within?: (file: string) => boolean): string[] {
    const changed = differences(this.table, found, within);
    for (const file of changed) this.set(file, found.get(file));
    return changed;
  }

  /**
   * The files a scan off the thread (encodeStamps) found with another stamp than this table's,
   * or gone; a complete scan also names the files of this table it lacks.
   */
  differing(encoded: string, complete: boolean): string[] {
    const parts = encoded ? encoded.split('\0') : [];
    const changed: string[] = [];
    let kept = 0;
    for (let i = 0; i < parts.length; i += 2) {
      const stamp = this.table.get(parts[i]);
      if (stamp !== undefined) kept++;
      if (stamp !== (parts[i + 1] || undefined)) changed.push(parts[i]);
    }
    if (complete && kept < this.table.size) {
      const found = new Set(parts.filter((_, i) => i % 2 === 0));
      for (const file of this.table.keys()) if (!found.has(file)) changed.push(file);
    }
    return changed;
  }

  digestString(): string {
    return this.digest.toString();
  }
}

/**
 * Stamps of the content and photos folders encoded for a scan off the serving thread: file and
 * stamp after one another, sorted by file, all joined by NUL (which no file name holds; an empty
 * stamp: the file is gone). One string each: 100,000 stamps as pairs of strings cost the serving
 * thread 200 ms to receive, as one string a copy.
 */
export interface EncodedStamps {
  content: string;
  photos: string;
}

/** What a scan's worker is given: the folders, and what the previous scan found, to send only what changed since. */
export interface ScanRequest {
  contentDir: string;
  photosDir: string;
  previous?: EncodedStamps;
}

/**
 * A scan made off the serving thread: every stamp it found (the next scan's `previous`), and
 * those that changed since the previous scan, unless it was given none (then `found` is all
 * there is to compare). The serving thread reads what differs from its own stamps as a
 * watcher's hints.
 */
export interface FolderScan {
  found: EncodedStamps;
  changed?: EncodedStamps;
}

export function encodeStamps(stamps: Iterable<[file: string, stamp: string | undefined]>): string {
  const parts: string[] = [];
  for (const [file, stamp] of stamps) parts.push(file, stamp ?? '');
  return parts.join('\0');
}

/** The stamps of `now` (sorted by file) that differ from `before` (encoded, sorted by file), with none for files gone: one merge, no index of either. */
export function* changedSince(before: string, now: [file: string, stamp: string][]): Generator<[string, string | undefined]> {
  const parts = before ? before.split('\0') : [];
  let i = 0;
  let j = 0;
  while (i < parts.length || j < now.length) {
    const old = i < parts.length ? parts[i] : undefined;
    const next = j < now.length ? now[j][0] : undefined;
    if (next === undefined || (old !== undefined && old < next)) {
      yield [old!, undefined];
      i += 2;
    } else if (old === undefined || next < old) {
      yield now[j++];
    } else {
      if (parts[i + 1] !== now[j][1]) yield now[j];
      i += 2;
      j++;
    }
  }
}

/** Scans the folders' stamps on each scan() (the production server's worker thread, lib/content/scan-worker.ts). */
export interface FolderScanner {
  scan(): Promise<FolderScan>;
  close(): void;
}

export type ScanFoldersOffThread = (dirs: ContentDirs) => FolderScanner;
