import type { Article, Section } from './content/types';

export interface HomeFront {
  lead: Article;
  topStories: Article[];
  bySection: { section: Section; articles: Article[] }[];
}

/**
 * Arranges the home page: the newest story leads, the next ones are top stories, and each
 * section shows its newest stories that are not already above.
 */
export function arrangeHome(articles: Article[], sections: Section[], topCount = 4, perSection = 4): HomeFront | undefined {
  const [lead, ...rest] = articles;
  if (!lead) return undefined;
  const topStories = rest.slice(0, topCount);
  const shown = new Set([lead, ...topStories].map((a) => a.slug));
  return {
    lead,
    topStories,
    bySection: sections
      .map((section) => ({
        section,
        articles: articles.filter((a) => a.section === section.slug && !shown.has(a.slug)).slice(0, perSection),
      }))
      .filter((group) => group.articles.length),
  };
}
