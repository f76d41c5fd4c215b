import type { Article, Tag } from './types';

/** Why a story sits in the sidebar; shown to readers so the choice is never a mystery. */
export type RelatedReason =
  | { kind: 'curated' }
  | { kind: 'topics'; topics: Tag[] }
  | { kind: 'similar' }
  | { kind: 'section' };

export interface RelatedStory {
  article: Article;
  reason: RelatedReason;
  score: number;
}

export interface RelatedOptions {
  /** How many stories each sidebar shows at most / at least (filled from the section). */
  max: number;
  min: number;
  /** Distinctive terms kept per article for text similarity. */
  termsPerArticle: number;
  /** Candidates looked at on each side of an article in each posting list (lists are in time order). */
  window: number;
  halfLifeDays: number;
  weights: { tags: number; text: number; section: number };
}

export const defaultRelatedOptions: RelatedOptions = {
  max: 6,
  min: 4,
  termsPerArticle: 24,
  window: 150,
  halfLifeDays: 30,
  weights: { tags: 0.55, text: 0.35, section: 0.1 },
};

const STOP_WORDS = new Set(
  ('a about after again against all also an and any are as at be because been before being between both but by can could did do does ' +
    'during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most ' +
    'my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your said says say one two three new last year years first told people per cent percent still since around many much ' +
    'week weeks day days time may might must made make like well even back yet').split(' '),
);

/** Lower-case word tokens without stop words; headline and standfirst count extra. */
export function termsOf(article: Pick<Article, 'headline' | 'standfirst' | 'body'>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const match of text.toLowerCase().matchAll(/\p{L}[\p{L}\p{N}]{2,}/gu)) {
      const term = match[0];
      if (!STOP_WORDS.has(term)) counts.set(term, (counts.get(term) ?? 0) + weight);
    }
  };
  add(article.headline, 3);
  add(article.standfirst, 2);
  add(article.body, 1);
  return counts;
}

interface Vector {
  terms: number[];
  weights: number[];
}

/** TF-IDF over the collection, keeping each article's strongest terms, L2-normalised. */
function tfidfVectors(articles: Article[], termsPerArticle: number): { vectors: Vector[]; vocabulary: number } {
  const counts = articles.map(termsOf);
  const documentFrequency = new Map<string, number>();
  for (const termCounts of counts) {
    for (const term of termCounts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const termIds = new Map<string, number>();
  const vectors = counts.map((termCounts) => {
    const scored: [string, number][] = [];
    for (const [term, count] of termCounts) {
      const df = documentFrequency.get(term)!;
      if (df < 2) continue; // a term no other article has cannot relate two articles
      scored.push([term, (1 + Math.log(count)) * Math.log(articles.length / df)]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = scored.slice(0, termsPerArticle).filter(([, weight]) => weight > 0);
    const norm = Math.hypot(...kept.map(([, weight]) => weight)) || 1;
    return {
      terms: kept.map(([term]) => {
        if (!termIds.has(term)) termIds.set(term, termIds.size);
        return termIds.get(term)!;
      }),
      weights: kept.map(([, weight]) => weight / norm),
    };
  });
  return { vectors, vocabulary: termIds.size };
}

function postingLists(keysPerDoc: number[][], size: number): number[][] {
  const lists: number[][] = Array.from({ length: size }, () => []);
  keysPerDoc.forEach((keys, doc) => keys.forEach((key) => lists[key].push(doc)));
  return lists;
}

/** Index of `doc` in an ascending list (it is always present). */
function positionOf(list: number[], doc: number): number {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < doc) low = mid + 1;
    else high = mid;
  }
  return low;
}

function compareStories(a: RelatedStory, b: RelatedStory): number {
  return b.score - a.score || b.article.publishedTime - a.article.publishedTime || a.article.slug.localeCompare(b.article.slug);
}

/**
 * Ranks related stories for every article at once. Cost is O(n · k · window), not O(n²):
 * candidates come from posting lists of shared tags and distinctive terms, and only the
 * neighbours in time of each list are scored, which the age decay would demote anyway.
 */
export function buildRelatedIndex(
  input: readonly Article[],
  options: RelatedOptions = defaultRelatedOptions,
): Map<string, RelatedStory[]> {
  // Oldest first, so doc ids and every posting list are in time order.
  const articles = [...input].sort((a, b) => a.publishedTime - b.publishedTime || a.slug.localeCompare(b.slug));
  const n = articles.length;
  const bySlug = new Map(articles.map((article, doc) => [article.slug, doc]));

  const tagIds = new Map<string, number>();
  const docTags = articles.map((article) =>
    article.tags.map((tag) => {
      if (!tagIds.has(tag.slug)) tagIds.set(tag.slug, tagIds.size);
      return tagIds.get(tag.slug)!;
    }),
  );
  const tagPostings = postingLists(docTags, tagIds.size);
  const tagIdf = tagPostings.map((docs) => Math.log(1 + n / docs.length));
  const { vectors, vocabulary } = tfidfVectors(articles, options.termsPerArticle);
  const termPostings = postingLists(
    vectors.map((v) => v.terms),
    vocabulary,
  );
  const termWeight = vectors.map((v) => new Map(v.terms.map((term, i) => [term, v.weights[i]])));

  const tagScore = new Float64Array(n);
  const textScore = new Float64Array(n);
  const touched = new Uint8Array(n);
  const halfLifeMs = options.halfLifeDays * 86_400_000;
  const index = new Map<string, RelatedStory[]>();

  const visitNeighbours = (list: number[], doc: number, visit: (other: number) => void) => {
    const at = positionOf(list, doc);
    const end = Math.min(list.length, at + options.window + 1);
    for (let i = Math.max(0, at - options.window); i < end; i++) if (list[i] !== doc) visit(list[i]);
  };

  for (let doc = 0; doc < n; doc++) {
    const article = articles[doc];
    const candidates: number[] = [];
    const mark = (other: number) => {
      if (!touched[other]) {
        touched[other] = 1;
        candidates.push(other);
      }
    };
    const ownTagWeight = docTags[doc].reduce((sum, tag) => sum + tagIdf[tag], 0) || 1;
    for (const tag of docTags[doc]) {
      visitNeighbours(tagPostings[tag], doc, (other) => {
        mark(other);
        tagScore[other] += tagIdf[tag] / ownTagWeight;
      });
    }
    const vector = vectors[doc];
    vector.terms.forEach((term, i) => {
      visitNeighbours(termPostings[term], doc, (other) => {
        mark(other);
        textScore[other] += vector.weights[i] * termWeight[other].get(term)!;
      });
    });

    const scored: RelatedStory[] = candidates.map((other) => {
      const candidate = articles[other];
      const sameSection = candidate.section === article.section ? 1 : 0;
      const relevance =
        options.weights.tags * tagScore[other] + options.weights.text * textScore[other] + options.weights.section * sameSection;
      const decay = 0.5 ** (Math.abs(candidate.publishedTime - article.publishedTime) / halfLifeMs);
      const shared = candidate.tags.filter((tag) => article.tags.some((own) => own.slug === tag.slug));
      shared.sort((a, b) => tagIdf[tagIds.get(b.slug)!] - tagIdf[tagIds.get(a.slug)!] || a.name.localeCompare(b.name));
      tagScore[other] = 0;
      textScore[other] = 0;
      touched[other] = 0;
      return {
        article: candidate,
        score: relevance * decay,
        reason: shared.length ? { kind: 'topics', topics: shared } : { kind: 'similar' },
      };
    });
    scored.sort(compareStories);

    const chosen: RelatedStory[] = [];
    const taken = new Set<string>([article.slug]);
    const take = (story: RelatedStory) => {
      if (chosen.length < options.max && !taken.has(story.article.slug)) {
        taken.add(story.article.slug);
        chosen.push(story);
      }
    };
    for (const slug of article.related) {
      const other = bySlug.get(slug);
      if (other !== undefined) take({ article: articles[other], reason: { kind: 'curated' }, score: Infinity });
    }
    scored.forEach(take);
    // A thin topic still gets a full sidebar: the newest stories of the same section.
    for (let other = n - 1; other >= 0 && chosen.length < options.min; other--) {
      if (articles[other].section === article.section) take({ article: articles[other], reason: { kind: 'section' }, score: 0 });
    }
    index.set(article.slug, chosen);
  }
  return index;
}
