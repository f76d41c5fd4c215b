import fs from 'node:fs';
import path from 'node:path';

/**
 * Watches every folder below `root` (hidden ones aside), one watcher per folder, and tells the
 * paths that changed. Not `fs.watch(root, { recursive: true })`: on Linux, Node 20-24 build that
 * in JavaScript with a watcher and a kept stat per *file*, and on every change to a folder they
 * list the whole folder again on the serving thread, so with 100,000 stories in `articles/`
 * each new story cost seconds and the watch alone held tens of MB. A folder's own watcher names
 * the entry that changed; a new folder gets watchers as it appears, a removed one loses them.
 * Returns the function that stops watching.
 */
export function watchFolders(root: string, changed: (paths: string[]) => void, failed: (error: Error) => void): () => void {
  const watchers = new Map<string, fs.FSWatcher>();

  const unwatch = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === folder || watched.startsWith(`${folder}${path.sep}`)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
    real.clear();
    for (const watched of watchers.keys()) real.add(fs.realpathSync(watched));
  };

  /** Real paths watched: a symbolic link back up the tree must not be followed round. */
  const real = new Set<string>();

  const watch = (folder: string) => {
    if (watchers.has(folder)) return;
    let realPath: string;
    try {
      realPath = fs.realpathSync(folder);
    } catch {
      return; // gone before it could be watched
    }
    if (real.has(realPath) && folder !== root) return;
    real.add(realPath);
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(folder, { persistent: false }, (_event, name) => {
        if (!name) return changed([folder]);
        const entry = path.join(folder, String(name));
        // A folder created or moved in is watched from now on; its files are found by the scan
        // of the path told below (lib/content/source.ts scans a folder whole).
        if (isFolder(entry)) watch(entry);
        else if (watchers.has(entry)) unwatch(entry);
        changed([entry]);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // gone before it could be watched
      throw error;
    }
    watcher.on('error', (error) => {
      unwatch(folder);
      // The root itself failing means nothing is watched any more: the caller falls back on polling.
      if (folder === root) failed(error);
      else changed([folder]);
    });
    watchers.set(folder, watcher);
    for (const entry of subfolders(folder)) watch(entry);
  };

  watch(root);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

function isFolder(entry: string): boolean {
  try {
    return fs.statSync(entry).isDirectory() && !path.basename(entry).startsWith('.');
  } catch {
    return false;
  }
}

function subfolders(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(path.join(folder, entry.name)))))
      .map((entry) => path.join(folder, entry.name));
  } catch {
    return [];
  }
}
