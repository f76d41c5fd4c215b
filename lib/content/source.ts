import fs from 'node:fs';
import path from 'node:path';
import { readContentFolder, type RawContent } from './load';
import type { ContentDirs } from './locations';

/** What a source read, and the signature it had when read (a change after it is noticed next time). */
export interface ContentSnapshot {
  signature: string;
  raw: RawContent;
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
   * Starts pushing hints that something changed (file watching, LISTEN/NOTIFY); the live content
   * checks the signature on each. Returns the function that stops it.
   */
  watch(changed: () => void, log: (message: string) => void): () => void;
  /** Releases connections. */
  close?(): void | Promise<void>;
}

/** A cheap signature of the folders (names, sizes, modification times) to skip a re-read when nothing changed. */
function folderSignature(dirs: ContentDirs): string {
  const parts: string[] = [];
  for (const dir of new Set([dirs.contentDir, dirs.photosDir])) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[];
    } catch {
      parts.push(`${dir}: missing`);
    }
    for (const name of names.sort()) {
      // Lock files and the temporary files of atomic saves are not content (the loader reads *.md).
      if (path.basename(name).startsWith('.')) continue;
      try {
        const stat = fs.statSync(path.join(dir, name));
        if (stat.isFile()) parts.push(`${dir}/${name} ${stat.size} ${stat.mtimeMs}`);
      } catch {
        // Removed between listing and stat: the next signature notices.
      }
    }
  }
  return parts.join('\n');
}

/** The content folder and the photos folder, read synchronously and watched. */
export function folderSource(dirs: ContentDirs): ContentSource {
  return {
    label: `content folder ${dirs.contentDir}`,
    photosDir: dirs.photosDir,
    signature: () => folderSignature(dirs),
    // The signature is taken before the files are read, so a change during the read is seen next time.
    read: (signature = folderSignature(dirs)) => ({ signature, raw: readContentFolder(dirs.contentDir) }),
    watch(changed, log) {
      const closers: (() => void)[] = [];
      for (const dir of new Set([dirs.contentDir, dirs.photosDir])) {
        try {
          const watcher = fs.watch(dir, { recursive: true }, changed);
          watcher.on('error', (error) => log(`content: watching ${dir} failed (${error.message}); polling only`));
          watcher.unref();
          closers.push(() => watcher.close());
        } catch (error) {
          log(`content: cannot watch ${dir} (${(error as Error).message}); polling only`);
        }
      }
      return () => closers.forEach((close) => close());
    },
  };
}
