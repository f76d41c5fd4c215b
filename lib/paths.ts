import type { Article } from './content/types';

/** Permalink of the n-th (1-based) gallery photo of an article. */
export function photoPath(article: Pick<Article, 'path'>, position: number): string {
  return `${article.path}/photos/${position}`;
}

export function tagPath(tagSlug: string): string {
  return `/tag/${tagSlug}`;
}
