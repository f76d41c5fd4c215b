import fs from 'node:fs';
import path from 'node:path';
import type { Article } from './types';

/** Raise whenever Article or what the loader puts in it changes: a cache of another version is ignored. */
const CACHE_VERSION = 1;

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

  /** Writes the articles with their files' and photos' stamps, atomically; a failure is only logged. */
  write(articles: Article[], articleStamps: Stamps, photoStamps: Stamps, log: (message: string) => void): void {
    const entries: CacheFile['articles'] = [];
    for (const article of articles) {
      const stamp = articleStamps.get(article.sourceFile);
      if (stamp !== undefined) entries.push([article.sourceFile, stamp, withoutBody(article)]);
    }
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temp, JSON.stringify({ version: CACHE_VERSION, articles: entries, photos: [...photoStamps] } satisfies CacheFile));
      fs.renameSync(temp, this.file);
    } catch (error) {
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
