import { getContent } from './content/repository';
import type { Article, Author, Photo, Section } from './content/types';

export interface ArticleView {
  article: Article;
  section: Section;
  authors: Author[];
}

/** An article with its section and authors, as its page and the feeds show them. */
export function articleView(article: Article): ArticleView {
  const content = getContent();
  return {
    article,
    section: content.section(article.section)!,
    authors: article.authors.map((id) => content.author(id)!),
  };
}

/** An article with what its page shows beside it, or undefined for an unknown URL. */
export function getArticleView(sectionSlug: string, slug: string): ArticleView | undefined {
  const article = getContent().article(sectionSlug, slug);
  return article && articleView(article);
}

/**
 * How many of the newest articles `next build` renders. Older ones render on their first
 * request and are then cached like prerendered pages (ISR), so a large archive does not
 * lengthen every build (docs/benchmarks/build.md).
 */
export const PRERENDERED_ARTICLES = 200;

export function prerenderedArticleParams() {
  return getContent().articles.slice(0, PRERENDERED_ARTICLES).map((a) => ({ section: a.section, slug: a.slug }));
}

/** Every gallery photo's permalink, for the photo page and its share card. */
export function galleryPhotoParams() {
  return getContent().articles.flatMap((article) =>
    article.gallery.map((_, i) => ({ section: article.section, slug: article.slug, position: String(i + 1) })),
  );
}

export interface GalleryPhotoView extends ArticleView {
  photo: Photo;
  /** 0-based; the URL's position is index + 1. */
  index: number;
}

/** A gallery photo by its URL's 1-based position, or undefined for an unknown one. */
export function findGalleryPhoto(sectionSlug: string, slug: string, position: string): GalleryPhotoView | undefined {
  // Digits only, no leading zero: "01" or "1.0" would be a second URL for the same photo.
  if (!/^[1-9]\d*$/.test(position)) return undefined;
  const view = getArticleView(sectionSlug, slug);
  const index = Number(position) - 1;
  const photo = view?.article.gallery[index];
  return view && photo ? { ...view, photo, index } : undefined;
}

export function sectionNames(): Record<string, string> {
  return Object.fromEntries(getContent().sections.map((s) => [s.slug, s.name]));
}
