import type { Article } from '../content/types';
import { termOf, tokenize } from './analysis';
import { markdownToPlainText } from './plain-text';

/** What search reads of a story, in the order of their weight: the same for every engine. */
export const SEARCH_FIELDS = ['headline', 'tags', 'standfirst', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The texts search reads of a story (the embedded index's worker builds them from the story's file). */
export function searchFieldTexts(article: Pick<Article, 'headline' | 'standfirst' | 'tags' | 'body'>): Record<SearchField, string> {
  return {
    headline: article.headline,
    // Each topic on its own line: "Space" and "Weather" must not make the phrase "space weather".
    tags: article.tags.map((tag) => tag.name).join('\n'),
    standfirst: article.standfirst,
    body: markdownToPlainText(article.body),
  };
}

export interface AnalysedArticle {
  /** Each field as its index terms (stems) joined by spaces. */
  stems: Record<SearchField, string>;
  /** Distinct folded words (not stemmed), for spelling suggestions and typo tolerance. */
  words: Set<string>;
}

export function analyseFields(texts: Record<SearchField, string>): AnalysedArticle {
  const words = new Set<string>();
  const stems = {} as Record<SearchField, string>;
  for (const field of SEARCH_FIELDS) {
    const fieldStems: string[] = [];
    for (const { word } of tokenize(texts[field])) {
      const term = termOf(word);
      if (term === undefined) continue;
      words.add(word);
      fieldStems.push(term);
    }
    stems[field] = fieldStems.join(' ');
  }
  return { stems, words };
}
