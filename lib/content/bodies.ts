import matter from 'gray-matter';
import type { Article } from './types';

/** Front matter skipped, not parsed: only the body is wanted. */
const BODY_ONLY = { engines: { yaml: () => ({}) } };

/** The body of an article document's text, as the loader takes it. */
export function bodyOfText(text: string): string {
  return matter(text, BODY_ONLY).content.trim();
}

/**
 * Article bodies read on demand from their source, the most recently read kept within a byte
 * budget: a process holds what listings need for the whole archive, and the text only of the
 * stories being read (docs/content-flow.md). A body read after its file changed, before the
 * change is processed (under a second), is the newer one.
 */
export class BodyCache {
  /** Insertion order is recency. */
  private readonly bodies = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly read: (file: string) => string | undefined,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get(file: string): string {
    let body = this.bodies.get(file);
    if (body !== undefined) {
      this.bodies.delete(file);
      this.bodies.set(file, body);
      return body;
    }
    body = this.read(file) ?? '';
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
