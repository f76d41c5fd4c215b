import type { Article } from './content/types';

/** Permalink of the n-th (1-based) gallery photo of an article. */
export function photoPath(article: Pick<Article, 'path'>, position: number): string {
  return `${article.path}/photos/${position}`;
}

export function tagPath(tagSlug: string): string {
  return `/tag/${tagSlug}`;
}

/** Capital letters outside %XX escapes (whose hex digits may be either case). */
const CAPITALS_OUTSIDE_ESCAPES = /%[0-9A-Fa-f]{2}|[A-Z]+/g;

/** The one URL of a page: "/World/Some-Story" is "/world/some-story" (escapes kept as sent). */
export function lowerCasePath(pathname: string): string {
  return pathname.replace(CAPITALS_OUTSIDE_ESCAPES, (match) => (match.startsWith('%') ? match : match.toLowerCase()));
}
