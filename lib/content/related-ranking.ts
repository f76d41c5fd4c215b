import { heldBody } from './bodies';
import { type CountedTitle, LEDE_CHARACTERS, type RelatedStory, TermCounter } from './related';
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
export type RankingReply = { type: 'picks'; picks: [slug: string, picks: EncodedPicks][] } | { type: 'ranked' };

/**
 * A story's ranked picks as one string, "slug slug:topic,topic …" (slugs and tag slugs have no
 * spaces, colons or commas): 100,000 stories' picks as objects held about 200 MB, as strings 20.
 */
export type EncodedPicks = string;

/** Stories per message each way: each costs the serving thread a few milliseconds to copy. */
export const INPUT_CHUNK = 2_000;
export const RESULT_CHUNK = 2_000;

/** The ranked picks among a story's related stories (curated picks and section or latest fillers are the live story's own). */
export function picksAmong(stories: RelatedStory[]): EncodedPicks {
  return stories
    .flatMap(({ article, reason }) =>
      reason.kind === 'topics' ? [`${article.slug}:${reason.topics.map((tag) => tag.slug).join(',')}`] : reason.kind === 'similar' ? [article.slug] : [],
    )
    .join(' ');
}

/** The picks of a story, as picksAmong wrote them. */
export function decodePicks(picks: EncodedPicks): RelatedPick[] {
  if (!picks) return [];
  return picks.split(' ').map((pick) => {
    const [slug, topics] = pick.split(':');
    return topics === undefined ? { slug } : { slug, topics: topics.split(',') };
  });
}

/** The ranked picks of an index. */
export function picksOf(index: Map<string, RelatedStory[]>): Map<string, EncodedPicks> {
  return new Map([...index].map(([slug, stories]) => [slug, picksAmong(stories)]));
}

export function rankingInput(article: Article): RankingInput {
  const { slug, headline, standfirst, section, publishedTime, tags, related } = article;
  const body = heldBody(article);
  return { slug, headline, standfirst, section, publishedTime, tags, related, ...(body === undefined ? { file: article.sourceFile } : { lede: body.slice(0, LEDE_CHARACTERS) }) };
}

/**
 * The story as ranking reads it: what it needs, and its lede as the body, read when ranking asks
 * for it (twice, to count its words in each pass), so the ledes of the archive are never all
 * held at once. Its headline and standfirst are counted on arrival and only the counts kept
 * (in one array shared by all stories): their text held 30 MB at 100,000 stories.
 * A class, not a copy with a getter added: that turns each of 100,000 objects into a slow,
 * several-times-larger dictionary.
 */
class StoryToRank implements CountedTitle {
  readonly slug: string;
  readonly section: string;
  readonly publishedTime: number;
  readonly tags: Article['tags'];
  readonly related: string[];
  private readonly lede?: string;
  private readonly file?: string;
  private readonly titleAt: number;
  private readonly titleLength: number;

  constructor(
    input: RankingInput,
    private readonly ranking: RankingInputs,
  ) {
    ({ slug: this.slug, section: this.section, publishedTime: this.publishedTime, tags: this.tags, related: this.related } = input);
    [this.titleAt, this.titleLength] = ranking.titles.add(ranking.counter.countTitle(input.headline, input.standfirst));
    if (input.lede !== undefined) this.lede = input.lede;
    // Most files are articles/<slug>.md: only the others are held (7 MB at 100,000 stories).
    else if (input.file !== fileOfSlug(this.slug)) this.file = input.file;
  }

  get titleTerms(): Int32Array {
    return this.ranking.titles.at(this.titleAt, this.titleLength);
  }

  get body(): string {
    return this.lede ?? this.ranking.readLede(this.file ?? fileOfSlug(this.slug));
  }
}

/** Numbers appended to one growing array: the counted titles of every story, without an array each. */
class NumberRun {
  private values = new Int32Array(1 << 16);
  private size = 0;

  add(numbers: number[]): [at: number, length: number] {
    if (this.size + numbers.length > this.values.length) {
      const larger = new Int32Array(Math.max(this.values.length * 2, this.size + numbers.length));
      larger.set(this.values);
      this.values = larger;
    }
    const at = this.size;
    this.values.set(numbers, at);
    this.size += numbers.length;
    return [at, numbers.length];
  }

  at(at: number, length: number): Int32Array {
    return this.values.subarray(at, at + length);
  }
}

/**
 * What the stories to rank share: the counter that interned their titles' words as they
 * arrived (ranking must count the rest with it), those counts, and where ledes are read from.
 */
export class RankingInputs {
  readonly counter = new TermCounter();
  readonly titles = new NumberRun();
  constructor(readonly readLede: (file: string) => string) {}

  /** The story as ranking reads it; its headline and standfirst are counted now and not kept. */
  story(input: RankingInput): Article {
    return new StoryToRank(input, this) as unknown as Article;
  }
}

const fileOfSlug = (slug: string) => `articles/${slug}.md`;

/**
 * Where ranking reads the ledes of stories whose bodies are not held: the content folder's
 * files, or a store that hands them over a chunk at a time (PostgreSQL).
 */
export interface LedeSource {
  folder?: string;
  read?: (files: string[]) => Promise<Map<string, string>>;
}

export type RankOffThread = (articles: RankedStories, ledes: LedeSource) => Promise<Map<string, EncodedPicks>>;

/**
 * The stories a ranking reads: held, or read a batch at a time each time it is called (a store
 * whose instances do not hold the archive, decision 48), so that only the compact ranking input
 * of each is kept.
 */
export type RankedStories = readonly Article[] | (() => AsyncIterable<readonly Article[]>);

/** The stories a ranking reads, a batch of at most `size` at a time. */
export async function* inBatches(stories: RankedStories, size: number): AsyncGenerator<readonly Article[]> {
  if (typeof stories === 'function') {
    for await (const batch of stories()) for (let at = 0; at < batch.length; at += size) yield batch.slice(at, at + size);
  } else for (let at = 0; at < stories.length; at += size) yield stories.slice(at, at + size);
}

/**
 * Related picks ranked once for a store that instances share, and kept in it (PostgreSQL,
 * decision 46): every instance reads them, and only the one that leads ranks.
 */
export interface StoredPicks {
  /** The cursor of the newest write: what readSince reads on from. */
  latest(): Promise<string>;
  /** The picks written after `cursor`, a batch at a time, each with the cursor to read on from. */
  readSince(cursor: string): AsyncIterable<{ picks: [slug: string, picks: EncodedPicks][]; cursor: string }>;
  /** The stored picks of these stories (a story not ranked yet has none). */
  picksOf(slugs: string[]): Promise<Map<string, EncodedPicks>>;
  /** Whether every story has been ranked since the content was last replaced as a whole. */
  rankedWhole(): Promise<boolean>;
  /** Whether this instance ranks for every instance: it takes the store's ranking lock if it is free, and keeps it. */
  lead(): Promise<boolean>;
  /** Stores picks (`whole`: every story's, replacing all) and tells every instance. */
  write(picks: [slug: string, picks: EncodedPicks][], whole: boolean): Promise<void>;
  /** Calls `written` when picks may have been written (also after a lost connection, whose notices are lost). */
  watch(written: () => void, log: (message: string) => void): () => void;
}
