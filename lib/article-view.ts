import { getContent } from './content/repository';
import type { Article, Author, Section } from './content/types';

export interface ArticleView {
  article: Article;
  section: Section;
  authors: Author[];
}

/** An article with what its page shows beside it, or undefined for an unknown URL. */
export function getArticleView(sectionSlug: string, slug: string): ArticleView | undefined {
  const content = getContent();
  const article = content.article(sectionSlug, slug);
  if (!article) return undefined;
  return {
    article,
    section: content.section(article.section)!,
    authors: article.authors.map((id) => content.author(id)!),
  };
}

export function articleParams() {
  return getContent().articles.map((a) => ({ section: a.section, slug: a.slug }));
}

/**
 * How many of the newest articles `next build` renders. Older ones render on their first
 * request and are then cached like prerendered pages (ISR), so a large archive does not
 * lengthen every build (docs/benchmarks/build.md).
 */
export const PRERENDERED_ARTICLES = 200;

export function prerenderedArticleParams() {
  return articleParams().slice(0, PRERENDERED_ARTICLES);
}

export function sectionNames(): Record<string, string> {
  return Object.fromEntries(getContent().sections.map((s) => [s.slug, s.name]));
}
