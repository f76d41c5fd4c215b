import type { ArticleStatus, EntryStatus, Section } from './schema';

export type { ArticleStatus, EntryStatus, Section };

export interface Photo {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  /** Read from the image file by the content loader, never typed by editors. */
  width: number;
  height: number;
  /** File size, also read by the loader: RSS enclosures must state it. */
  bytes: number;
}

export interface Author {
  id: string;
  name: string;
  role: string;
  bio: string;
  path: string;
}

export interface Tag {
  slug: string;
  name: string;
}

export interface Syndication {
  source: string;
  originalUrl?: string;
  copyright?: string;
  wireLine?: string;
  noindexNews: boolean;
}

export interface Correction {
  /** ISO 8601 with offset, as the editor wrote it. */
  date: string;
  text: string;
}

export interface WireOrigin {
  provider: string;
  uri: string;
  version: string;
  pubStatus: 'usable' | 'withheld' | 'canceled';
}

/** A story covered as a live blog (front matter `live`): running until `ended`. */
export interface LiveCoverage {
  /** ISO 8601 with offset, as written; absent while coverage runs. */
  ended?: string;
  endedTime?: number;
}

/** One update of a live blog (`live/<story-slug>/<id>.md`). */
export interface LiveEntry {
  id: string;
  /** The slug of the live blog's story. */
  story: string;
  /** ISO 8601 with offset, as written. */
  posted: string;
  postedTime: number;
  title?: string;
  /** Author file ids; empty: the story's authors. */
  authors: string[];
  key: boolean;
  pinned: boolean;
  status: EntryStatus;
  photo?: Photo;
  corrections: Correction[];
  /** Markdown; entries are short, so it is held (a blog's entries are a few hundred KB at most). */
  body: string;
  revision: string;
  sourceFile: string;
}

export interface Article {
  /** draft: never public; published: public from `published` on (an embargo before); withdrawn: 410. */
  status: ArticleStatus;
  withdrawnReason?: string;
  slug: string;
  section: string;
  path: string;
  headline: string;
  standfirst: string;
  /** Author file ids; may be empty when `byline` names wire writers instead. */
  authors: string[];
  byline?: string;
  dateline?: string;
  /** ISO 8601 strings exactly as the editor wrote them, offset included. */
  published: string;
  updated?: string;
  /** Epoch milliseconds of `published`, for sorting and ranking. */
  publishedTime: number;
  tags: Tag[];
  /** Absent on a text-only story. */
  hero?: Photo;
  gallery: Photo[];
  related: string[];
  syndication?: Syndication;
  /** Oldest first, as written. */
  corrections: Correction[];
  /** Earlier paths of the story, answered with a 308 to `path`. */
  aliases: string[];
  wire?: WireOrigin;
  /** Present on a live blog: its entries are LiveEntry documents. */
  live?: LiveCoverage;
  /** Changes whenever anything the article shows changes: caches and indexes key on it. */
  revision: string;
  /** Markdown source of the body. */
  body: string;
  wordCount: number;
  readingMinutes: number;
  /** Path of the source file relative to the content folder, for error messages. */
  sourceFile: string;
}

export interface SiteContent {
  sections: Section[];
  authors: Author[];
  /** Every valid article in every state, newest first; ties broken by slug so every listing is deterministic. */
  articles: Article[];
}
