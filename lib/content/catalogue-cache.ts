import fs from 'node:fs';
import path from 'node:path';
import type { Article } from './types';

/** Raise whenever Article or what the loader puts in it changes: a cache of another version is ignored. */
const CACHE_VERSION = 2;

/** How long each slice of a write may hold the thread. */
const SLICE_MS = 15;

/** A file's size and modification time, as the folder source stamps it. */
type Stamps = Map<string, string>;

interface CacheFile {
  version: number;
  /** Article files: the stamp it had when checked, and the article (without its body). */
  articles: [file: string, stamp: string, article: Omit<Article, 'body'>][];
  /** Photo files the articles' sizes were read from. */
  photos: [file: string, stamp: string][];
}

/**
 * The catalogue of a content folder persisted between runs (`.newsbite/catalogue-<folder>.json`,
 * a cache like the search index: deleted or stale, it only costs a full read). A restart takes
 * the articles whose file and photos have the same stamps as when they were checked, and reads
 * and parses only the others: start costs the scan of stamps, not parsing the archive.
 */
export class CatalogueCache {
  constructor(readonly file: string) {}

  /** The articles still true of the files and photos as stamped now (none if the cache is missing, stale or unreadable). */
  read(articleStamps: Stamps, photoStamps: Stamps): Map<string, Article> {
    let cached: CacheFile;
    try {
      cached = JSON.parse(fs.readFileSync(this.file, 'utf8')) as CacheFile;
    } catch {
      return new Map();
    }
    if (cached.version !== CACHE_VERSION) return new Map();
    const photosAsChecked = new Map(cached.photos);
    const photoUnchanged = (src: string) => {
      const file = src.slice('/photos/'.length);
      return photosAsChecked.get(file) === photoStamps.get(file);
    };
    const articles = new Map<string, Article>();
    for (const [file, stamp, article] of cached.articles) {
      if (articleStamps.get(file) !== stamp) continue;
      const photos = [...(article.hero ? [article.hero] : []), ...article.gallery];
      if (photos.every((photo) => photoUnchanged(photo.src))) articles.set(file, article as Article);
    }
    return articles;
  }

  /**
   * Writes the articles with their files' and photos' stamps as they are now, atomically; a
   * failure is only logged. Written a slice at a time (about 100,000 stories are seconds of
   * JSON), so a server keeps answering meanwhile.
   */
  async write(articles: Article[], articleStamps: Stamps, photoStamps: Stamps, log: (message: string) => void): Promise<void> {
    // Stamps as they are now: a file changed during the write must not be vouched for as it is then.
    const stamps = new Map(articleStamps);
    const photos = JSON.stringify([...photoStamps]);
    const temp = `${this.file}.${process.pid}.tmp`;
    let handle: fs.promises.FileHandle | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      handle = await fs.promises.open(temp, 'w');
      await handle.write(`{"version":${CACHE_VERSION},"photos":${photos},"articles":[`);
      let first = true;
      for (let at = 0; at < articles.length; ) {
        const sliceStarted = performance.now();
        const parts: string[] = [];
        for (; at < articles.length && performance.now() - sliceStarted < SLICE_MS; at++) {
          const article = articles[at];
          const stamp = stamps.get(article.sourceFile);
          if (stamp === undefined) continue;
          const entry: CacheFile['articles'][number] = [article.sourceFile, stamp, withoutBody(article)];
          parts.push(`${first ? '' : ','}${JSON.stringify(entry)}`);
          first = false;
        }
        await handle.write(parts.join(''));
      }
      await handle.write(']}');
      await handle.close();
      handle = undefined;
      await fs.promises.rename(temp, this.file);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      fs.rmSync(temp, { force: true });
      log(`content: could not save the catalogue to ${this.file} (${(error as Error).message}); the next start reads every file`);
    }
  }
}

/** The article's fields but its body, which may be read on demand: never read it just to leave it out. */
function withoutBody(article: Article): Omit<Article, 'body'> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== 'body') fields[key] = article[key as keyof Article];
  return fields as Omit<Article, 'body'>;
}
