import { splitFrontMatter } from './front-matter';
import type { Article } from './types';

/** The body of an article document's text, as the loader takes it. */
export function bodyOfText(text: string): string {
  // Front matter skipped, not parsed: only the body is wanted.
  return splitFrontMatter(text).content.trim();
}

/** Where bodies come from: a file read on the spot (the folder), or a store queried for several at once (PostgreSQL). */
export type BodyReader = { read: (file: string) => string | undefined } | { readMany: (files: string[]) => Promise<Map<string, string>> };

/**
 * Article bodies read on demand from their source, the most recently read kept within a byte
 * budget: a process holds what listings need for the whole archive, and the text only of the
 * stories being read (docs/content-flow.md). A body read after its file changed, before the
 * change is processed (under a second), is the newer one. A store read asynchronously gives
 * bodies only through withBodies(), which pages and feeds await before they render.
 */
export class BodyCache {
  /** Insertion order is recency. */
  private readonly bodies = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly reader: BodyReader,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get(file: string): string {
    const body = this.bodies.get(file);
    if (body !== undefined) {
      this.bodies.delete(file);
      this.bodies.set(file, body);
      return body;
    }
    if (!('read' in this.reader)) throw new Error(`${file}: its body is read from the store on demand: await withBodies() before reading it`);
    return this.keep(file, this.reader.read(file) ?? '');
  }

  /**
   * The articles with their bodies held: as they are where a body is read on the spot, copies
   * with the body where it comes from a store (one query for all the missing ones).
   */
  async withBodies(articles: readonly Article[]): Promise<Article[]> {
    if ('read' in this.reader) return [...articles];
    const missing = articles.filter((article) => heldBody(article) === undefined && !this.bodies.has(article.sourceFile)).map((article) => article.sourceFile);
    const read = missing.length ? await this.reader.readMany(missing) : new Map<string, string>();
    return articles.map((article) => {
      if (heldBody(article) !== undefined) return article;
      const file = article.sourceFile;
      const body = this.bodies.get(file) ?? this.keep(file, read.get(file) ?? '');
      return { ...article, body };
    });
  }

  private keep(file: string, body: string): string {
    this.bodies.set(file, body);
    this.bytes += body.length;
    for (const [oldest, kept] of this.bodies) {
      if (this.bytes <= this.maxBytes || oldest === file) break;
      this.bodies.delete(oldest);
      this.bytes -= kept.length;
    }
    return body;
  }

  /** The file changed: its next read goes to the source. */
  forget(file: string): void {
    const body = this.bodies.get(file);
    if (body === undefined) return;
    this.bodies.delete(file);
    this.bytes -= body.length;
  }

  /**
   * One prototype for every article of this cache: a getter of each article's own gives each
   * its own hidden class.
   */
  private readonly readsBody: object = ((cache: BodyCache) =>
    Object.create(Object.prototype, {
      body: {
        get(this: Article) {
          return cache.get(this.sourceFile);
        },
      },
    }))(this);

  /** The article with its body read from here when asked for (an inherited getter), not held. */
  lazy(article: Article): Article {
    const { body: _held, ...fields } = article;
    // A literal with __proto__ keeps fast properties (Object.assign onto Object.create made a dictionary of each).
    return { __proto__: this.readsBody, ...fields } as unknown as Article;
  }
}

/** The article's body if it is held in memory; undefined if it is read from its file when asked for (BodyCache.lazy). */
export function heldBody(article: Article): string | undefined {
  return Object.hasOwn(article, 'body') && !Object.getOwnPropertyDescriptor(article, 'body')?.get ? article.body : undefined;
}

/** The article's fields but its body, which may be read on demand: never read it just to leave it out. */
export function withoutBody(article: Article): Omit<Article, 'body'> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== 'body') fields[key] = article[key as keyof Article];
  return fields as Omit<Article, 'body'>;
}
