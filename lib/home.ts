import type { ContentRepository } from './content/repository';
import type { Article, Section } from './content/types';

export interface HomeFront {
  lead: Article;
  topStories: Article[];
  bySection: { section: Section; articles: Article[] }[];
}

/**
 * Arranges the home page: the newest story leads, the next ones are top stories, and each
 * section shows its newest stories that are not already above. Reads only the heads of the
 * lists, whatever the archive's size.
 */
export function arrangeHome(content: Pick<ContentRepository, 'articles' | 'sections' | 'articlesInSection'>, topCount = 4, perSection = 4): HomeFront | undefined {
  const lead = content.articles[0];
  if (!lead) return undefined;
  const topStories = content.articles.slice(1, 1 + topCount);
  const shown = new Set([lead, ...topStories].map((a) => a.slug));
  const newestIn = (section: Section) => {
    const picked: Article[] = [];
    for (const article of content.articlesInSection(section.slug)) {
      if (picked.length === perSection) break;
      if (!shown.has(article.slug)) picked.push(article);
    }
    return picked;
  };
  return {
    lead,
    topStories,
    bySection: content.sections.map((section) => ({ section, articles: newestIn(section) })).filter((group) => group.articles.length),
  };
}
