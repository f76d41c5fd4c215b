import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { withoutBody } from './bodies';
import type { Article } from './types';

/** Raise whenever Article or what the loader puts in it changes: a cache of another version is ignored. */
const CACHE_VERSION = 3;

/** How long each slice of a write may hold the thread. */
const SLICE_MS = 15;

/** Files' sizes and modification times, as the folder source stamps them. */
type Stamps = ReadonlyMap<string, string>;

/** The first line of the file; then one line per article file: [file, stamp it had when checked, article without its body]. */
interface CacheHeader {
  version: number;
  /** Photo files the articles' sizes were read from. */
  photos: [file: string, stamp: string][];
}
type CacheLine = [file: string, stamp: string, article: Omit<Article, 'body'>];

/** How much of the file is read at a time: 100,000 stories are 180 MB, never held as one string. */
const READ_CHUNK = 1 << 20;

/** The file's lines, read a chunk at a time. */
function* linesOf(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(READ_CHUNK);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let read; (read = fs.readSync(fd, buffer, 0, READ_CHUNK, null)) > 0; ) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The catalogue of a content folder persisted between runs (`.newsbite/catalogue-<folder>.jsonl`, JSON lines,
 * a cache like the search index: deleted or stale, it only costs a full read). A restart takes
 * the articles whose file and photos have the same stamps as when they were checked, and reads
 * and parses only the others: start costs the scan of stamps, not parsing the archive.
 */
export class CatalogueCache {
  constructor(readonly file: string) {}

  /** The articles still true of the files and photos as stamped now (none if the cache is missing, stale or unreadable). */
  read(articleStamps: Stamps, photoStamps: Stamps): Map<string, Article> {
    const articles = new Map<string, Article>();
    try {
      const lines = linesOf(this.file);
      const header = JSON.parse(lines.next().value ?? '{}') as CacheHeader;
      if (header.version !== CACHE_VERSION) return new Map();
      const photosAsChecked = new Map(header.photos);
      const photoUnchanged = (src: string) => {
        const file = src.slice('/photos/'.length);
        return photosAsChecked.get(file) === photoStamps.get(file);
      };
      for (const line of lines) {
        if (!line) continue;
        const [file, stamp, article] = JSON.parse(line) as CacheLine;
        if (articleStamps.get(file) !== stamp) continue;
        const photos = [...(article.hero ? [article.hero] : []), ...article.gallery];
        if (photos.every((photo) => photoUnchanged(photo.src))) articles.set(file, article as Article);
      }
    } catch {
      return new Map();
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
    const photos = [...photoStamps];
    const temp = `${this.file}.${process.pid}.tmp`;
    let handle: fs.promises.FileHandle | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      handle = await fs.promises.open(temp, 'w');
      await handle.write(`${JSON.stringify({ version: CACHE_VERSION, photos } satisfies CacheHeader)}\n`);
      for (let at = 0; at < articles.length; ) {
        const sliceStarted = performance.now();
        const parts: string[] = [];
        for (; at < articles.length && performance.now() - sliceStarted < SLICE_MS; at++) {
          const article = articles[at];
          const stamp = stamps.get(article.sourceFile);
          if (stamp === undefined) continue;
          const line: CacheLine = [article.sourceFile, stamp, withoutBody(article)];
          parts.push(`${JSON.stringify(line)}\n`);
        }
        await handle.write(parts.join(''));
      }
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
