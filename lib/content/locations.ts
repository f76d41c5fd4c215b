import { createHash } from 'node:crypto';
import path from 'node:path';

export interface ContentDirs {
  /** Folder with sections.yml, authors/ and articles/. */
  contentDir: string;
  /** Folder behind the site's /photos/ URLs: every instance of the site reads the same one. */
  photosDir: string;
}

/**
 * Where the live content is read from: `CONTENT_DIR` (default content/) and `PHOTOS_DIR`
 * (default the content folder's photos/), so editors, deploys and importers write one place.
 */
export function contentLocations(env: NodeJS.ProcessEnv = process.env): ContentDirs {
  // Run-time data, not code: the ignore comments keep Next from tracing the whole project into the build.
  const contentDir = path.resolve(/*turbopackIgnore: true*/ env.CONTENT_DIR || path.join(process.cwd(), 'content'));
  return { contentDir, photosDir: path.resolve(/*turbopackIgnore: true*/ env.PHOTOS_DIR || path.join(contentDir, 'photos')) };
}

/**
 * A cache file of a content folder (the persisted catalogue, the search index) in `.newsbite/`
 * of the working directory (the project), one per folder, so a server on another folder (a
 * test, a benchmark) never reads or rewrites this one: `.newsbite/<name>-<folder hash>.<ext>`.
 */
export function cacheFile(contentDir: string, name: string, extension: string): string {
  const folder = createHash('sha1').update(path.resolve(contentDir)).digest('hex').slice(0, 12);
  return path.join(/*turbopackIgnore: true*/ process.cwd(), '.newsbite', `${name}-${folder}.${extension}`);
}
