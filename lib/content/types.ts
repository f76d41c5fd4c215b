import type { Section } from './schema';

export type { Section };

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
  originalUrl: string;
  wireLine?: string;
  noindexNews: boolean;
}

export interface Article {
  slug: string;
  section: string;
  path: string;
  headline: string;
  standfirst: string;
  authors: string[];
  /** ISO 8601 strings exactly as the editor wrote them, offset included. */
  published: string;
  updated?: string;
  /** Epoch milliseconds of `published`, for sorting and ranking. */
  publishedTime: number;
  tags: Tag[];
  hero: Photo;
  gallery: Photo[];
  related: string[];
  syndication?: Syndication;
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
  /** Newest first; ties broken by slug so every listing is deterministic. */
  articles: Article[];
}
