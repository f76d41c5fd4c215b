import { heldBody } from './bodies';
import { LEDE_CHARACTERS, type RelatedStory } from './related';
import type { Article } from './types';

/** A story ranked for another's box: the shared topics (tag slugs, most distinctive first) when tags related them. */
export interface RelatedPick {
  slug: string;
  topics?: string[];
}

/** What ranking needs of a story: its lede inline when the body is in memory, else the file to read it from. */
export type RankingInput = Pick<Article, 'slug' | 'headline' | 'standfirst' | 'section' | 'publishedTime' | 'tags' | 'related'> & {
  lede?: string;
  file?: string;
};

export type RankingMessage = { type: 'stories'; stories: RankingInput[] } | { type: 'rank' };
export type RankingReply = { type: 'picks'; picks: [slug: string, picks: RelatedPick[]][] } | { type: 'ranked' };

/** Stories per message each way: each costs the serving thread a few milliseconds to copy. */
export const INPUT_CHUNK = 2_000;
export const RESULT_CHUNK = 2_000;

/** The ranked picks among a story's related stories (curated picks and section or latest fillers are the live story's own). */
export function picksAmong(stories: RelatedStory[]): RelatedPick[] {
  return stories.flatMap(({ article, reason }) =>
    reason.kind === 'topics' ? [{ slug: article.slug, topics: reason.topics.map((tag) => tag.slug) }] : reason.kind === 'similar' ? [{ slug: article.slug }] : [],
  );
}

/** The ranked picks of an index. */
export function picksOf(index: Map<string, RelatedStory[]>): Map<string, RelatedPick[]> {
  return new Map([...index].map(([slug, stories]) => [slug, picksAmong(stories)]));
}

export function rankingInput(article: Article): RankingInput {
  const { slug, headline, standfirst, section, publishedTime, tags, related } = article;
  const body = heldBody(article);
  return { slug, headline, standfirst, section, publishedTime, tags, related, ...(body === undefined ? { file: article.sourceFile } : { lede: body.slice(0, LEDE_CHARACTERS) }) };
}

/**
 * The story as ranking reads it: what it needs, and its lede as the body, read when ranking asks
 * for it (once, to count its words), so the ledes of the archive are never all held at once.
 */
export function storyToRank({ lede: _lede, file: _file, ...fields }: RankingInput, lede: () => string): Article {
  return Object.defineProperty(fields, 'body', { get: lede, enumerable: true }) as Article;
}

export type RankOffThread = (articles: readonly Article[], bodyFolder: string | undefined) => Promise<Map<string, RelatedPick[]>>;
