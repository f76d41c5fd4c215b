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
