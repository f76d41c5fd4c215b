import { perVersion } from './content/per-version';
import { getContent } from './content/repository';
import type { Article, Author, Photo, Section } from './content/types';

export interface ArticleView {
  article: Article;
  section: Section;
  authors: Author[];
}

/** The names a story is by: its staff authors, or a wire byline as written. */
export function bylineNames({ article, authors }: Pick<ArticleView, 'article' | 'authors'>): string[] {
  return authors.length ? authors.map((author) => author.name) : article.byline ? [article.byline] : [];
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

/** The same for an editor's preview: any story at the URL, draft or embargoed included. */
export function getPreviewView(sectionSlug: string, slug: string): ArticleView | undefined {
  const article = getContent().preview(sectionSlug, slug);
  return article && articleView(article);
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

export const sectionNames = perVersion((content): Record<string, string> => Object.fromEntries(content.sections.map((s) => [s.slug, s.name])));
