import type { Article, Tag } from './types';

/** Why a story sits in the sidebar; shown to readers so the choice is never a mystery. */
export type RelatedReason =
  | { kind: 'curated' }
  | { kind: 'topics'; topics: Tag[] }
  | { kind: 'similar' }
  | { kind: 'section' }
  | { kind: 'latest' };

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
  /** Below this cosine similarity, text alone does not make a story related. */
  minTextSimilarity: number;
  weights: { tags: number; text: number; section: number };
}

export const defaultRelatedOptions: RelatedOptions = {
  max: 6,
  min: 4,
  termsPerArticle: 16,
  window: 40,
  halfLifeDays: 30,
  minTextSimilarity: 0.2,
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

/**
 * News is written as an inverted pyramid: the opening paragraphs name what a story is about.
 * Reading only those keeps ranking fast on large archives (tokenising was most of the cost).
 */
export const LEDE_CHARACTERS = 1000;

/**
 * A story whose headline and standfirst were counted when it arrived (the ranking worker's):
 * their [term, count] pairs in order of first use, so the worker need not hold their text.
 */
export interface CountedTitle {
  readonly titleTerms: ArrayLike<number>;
}

type Countable = Pick<Article, 'body'> & (Pick<Article, 'headline' | 'standfirst'> | CountedTitle);

/**
 * Counts an article's words (lower-case, no stop words, headline and standfirst counting
 * extra), interning each distinct word to a small integer once for the whole collection.
 */
export class TermCounter {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly scratch: number[] = [];
  private terms: number[] = [];

  private add(text: string, weight: number): void {
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < 3 || STOP_WORDS.has(word) || (word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57)) continue;
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.words.push(word) - 1;
        this.ids.set(word, id);
        this.scratch[id] = 0;
      }
      if (this.scratch[id] === 0) this.terms.push(id);
      this.scratch[id] += weight;
    }
  }

  /** The counts gathered since the last take, then cleared. */
  private take(): { terms: number[]; counts: number[] } {
    const { terms } = this;
    const counts = terms.map((id) => this.scratch[id]);
    for (const id of terms) this.scratch[id] = 0;
    this.terms = [];
    return { terms, counts };
  }

  /** A headline and standfirst counted as count() counts them, as [term, count] pairs in order of first use. */
  countTitle(headline: string, standfirst: string): number[] {
    this.add(headline, 3);
    this.add(standfirst, 2);
    const { terms, counts } = this.take();
    return terms.flatMap((term, i) => [term, counts[i]]);
  }

  count(article: Countable): { terms: number[]; counts: number[] } {
    if ('titleTerms' in article) {
      const pairs = article.titleTerms;
      for (let i = 0; i < pairs.length; i += 2) {
        this.terms.push(pairs[i]);
        this.scratch[pairs[i]] = pairs[i + 1];
      }
    } else {
      this.add(article.headline, 3);
      this.add(article.standfirst, 2);
    }
    this.add(article.body.slice(0, LEDE_CHARACTERS), 1);
    return this.take();
  }
}

/**
 * Each document's keys (tags or terms) with their weights, and the posting lists they make: for
 * each key the documents that have it (ascending, so in time order) and their weights. Flat
 * typed arrays, filled once at their final size: 100,000 stories' lists as arrays of arrays
 * held about 60 MB and left as much garbage behind as they grew. The documents' side is the
 * builder's own arrays, not copies (copied, both were held at once), and weights are 32-bit
 * floats, a third less memory than 64-bit, summed in 64 bits: the same picks for all of 30,000
 * generated stories.
 */
class PostingLists {
  /** Document `doc`'s entries are [docStart[doc], docStart[doc + 1]) of docKeys and docWeights. */
  private readonly docStart: Int32Array;
  private readonly docKeys: Int32Array;
  private readonly docWeights: Float32Array;
  /** Key `key`'s list is [keyStart[key], keyStart[key + 1]) of docs and weights. */
  private readonly keyStart: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;

  constructor(builder: PostingBuilder, keyCount: number) {
    const entries = builder.size;
    this.docStart = builder.docStart.subarray(0, builder.documents + 1);
    this.docKeys = builder.keys.subarray(0, entries);
    this.docWeights = builder.entryWeights.subarray(0, entries);
    this.keyStart = new Int32Array(keyCount + 1);
    for (let i = 0; i < entries; i++) this.keyStart[this.docKeys[i] + 1]++;
    for (let key = 0; key < keyCount; key++) this.keyStart[key + 1] += this.keyStart[key];
    this.docs = new Int32Array(entries);
    this.weights = new Float32Array(entries);
    const filled = this.keyStart.slice(0, keyCount);
    for (let doc = 0; doc < builder.documents; doc++) {
      for (let i = this.docStart[doc]; i < this.docStart[doc + 1]; i++) {
        const at = filled[this.docKeys[i]]++;
        this.docs[at] = doc;
        this.weights[at] = this.docWeights[i];
      }
    }
  }

  /** How many documents have `key`. */
  count(key: number): number {
    return this.keyStart[key + 1] - this.keyStart[key];
  }

  /** Calls `visit` with each key of `doc`, its weight there, and where `doc` is in the key's list. */
  eachKeyOf(doc: number, visit: (key: number, weight: number, start: number, at: number, end: number) => void): void {
    for (let i = this.docStart[doc]; i < this.docStart[doc + 1]; i++) {
      const key = this.docKeys[i];
      const start = this.keyStart[key];
      const end = this.keyStart[key + 1];
      visit(key, this.docWeights[i], start, positionOf(this.docs, start, end, doc), end);
    }
  }
}

/**
 * Collects each document's keys and weights, in document order, into typed arrays made at the
 * most they can hold (the posting lists keep them as they are): the documents, and the tags or
 * the terms each may keep.
 */
class PostingBuilder {
  readonly docStart: Int32Array;
  readonly keys: Int32Array;
  readonly entryWeights: Float32Array;
  size = 0;
  documents = 0;

  constructor(documents: number, mostEntries: number) {
    this.docStart = new Int32Array(documents + 1);
    this.keys = new Int32Array(mostEntries);
    this.entryWeights = new Float32Array(mostEntries);
  }

  add(key: number, weight: number): void {
    // A typed array drops a write past its end without a word: say so instead.
    if (this.size === this.keys.length) throw new Error(`more than the ${this.keys.length} posting entries expected`);
    this.keys[this.size] = key;
    this.entryWeights[this.size++] = weight;
  }

  /** Ends the current document's entries. */
  next(): void {
    this.docStart[++this.documents] = this.size;
  }
}

/**
 * TF-IDF over the collection, keeping each article's strongest terms, L2-normalised, as
 * posting lists: the weight of a term in a document is its share of the cosine similarity.
 * Two passes over the articles, the first for document frequencies, the second for each one's
 * strongest terms: holding every article's counts between them took 400 MB at 100,000 stories
 * (80 MB as flat arrays), reading each lede twice costs a few seconds in the ranking's worker.
 */
function* termPostings(articles: Article[], termsPerArticle: number, counter: TermCounter): Generator<void, PostingLists> {
  let documentFrequency = new Int32Array(1 << 12);
  for (const [doc, article] of articles.entries()) {
    const { terms } = counter.count(article);
    if (counter.words.length > documentFrequency.length) {
      const grown = new Int32Array(Math.max(counter.words.length, documentFrequency.length * 2));
      grown.set(documentFrequency);
      documentFrequency = grown;
    }
    for (const term of terms) documentFrequency[term]++;
    if ((doc + 1) % STEP === 0) yield;
  }
  const n = articles.length;
  const postings = new PostingBuilder(n, n * termsPerArticle);
  const outranks = (term: number, weight: number, [other, otherWeight]: [number, number]) =>
    weight > otherWeight || (weight === otherWeight && counter.words[term] < counter.words[other]);

  for (const [doc, article] of articles.entries()) {
    const { terms, counts } = counter.count(article);
    // Top-k by insertion into a short sorted list, ties alphabetical so the choice is stable.
    const kept: [number, number][] = [];
    let sumOfSquares = 0;
    terms.forEach((term, i) => {
      const df = term < documentFrequency.length ? documentFrequency[term] : 0;
      if (!df) return; // a word its file gained between the passes: counted at the next ranking
      if (df > n / 2) return; // a word most articles use says nothing about this one
      const weight = (1 + Math.log(counts[i])) * Math.log(n / df);
      sumOfSquares += weight * weight;
      // A word no other article has cannot relate two articles, but it still counts in the norm.
      if (df < 2) return;
      if (kept.length === termsPerArticle && !outranks(term, weight, kept[termsPerArticle - 1])) return;
      let at = kept.length;
      while (at > 0 && outranks(term, weight, kept[at - 1])) at--;
      kept.splice(at, 0, [term, weight]);
      if (kept.length > termsPerArticle) kept.pop();
    });
    const norm = Math.sqrt(sumOfSquares) || 1;
    for (const [term, weight] of kept) postings.add(term, weight / norm);
    postings.next();
    if ((doc + 1) % STEP === 0) yield;
  }
  yield;
  return new PostingLists(postings, counter.words.length);
}

/** Index of `doc` in the ascending range [start, end) of `list` (it is always present). */
function positionOf(list: Int32Array, start: number, end: number, doc: number): number {
  let low = start;
  let high = end - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < doc) low = mid + 1;
    else high = mid;
  }
  return low;
}

function compareStories(a: RelatedStory, b: RelatedStory): number {
  return (
    b.score - a.score ||
    b.article.publishedTime - a.article.publishedTime ||
    (a.article.slug < b.article.slug ? -1 : a.article.slug > b.article.slug ? 1 : 0)
  );
}

/** Articles ranked between two pauses of an index built in steps. */
const STEP = 250;

/** Ranks related stories for every article at once (see relatedIndexSteps). */
export function buildRelatedIndex(input: readonly Article[], options: RelatedOptions = defaultRelatedOptions): Map<string, RelatedStory[]> {
  const index = new Map<string, RelatedStory[]>();
  rankRelatedStories(input, (slug, stories) => index.set(slug, stories), options);
  return index;
}

/**
 * The same ranking, each article's stories handed to `ranked` as soon as they are chosen and
 * not kept: a worker ranking 100,000 stories sends them on rather than holding them all.
 */
export function rankRelatedStories(
  input: readonly Article[],
  ranked: (slug: string, stories: RelatedStory[]) => void,
  options: RelatedOptions = defaultRelatedOptions,
  counter = new TermCounter(),
): void {
  const steps = relatedIndexSteps(input, options, ranked, counter);
  while (!steps.next().done);
}

/**
 * The same index built a few milliseconds at a time, yielding to requests between steps: a
 * large archive takes seconds to rank, which must never stall a server.
 */
export async function buildRelatedIndexInSteps(input: readonly Article[], options: RelatedOptions = defaultRelatedOptions): Promise<Map<string, RelatedStory[]>> {
  const index = new Map<string, RelatedStory[]>();
  const steps = relatedIndexSteps(input, options, (slug, stories) => index.set(slug, stories), new TermCounter());
  while (!steps.next().done) await new Promise((resolve) => setImmediate(resolve));
  return index;
}

/**
 * Ranks related stories for every article, pausing every STEP articles. Cost is
 * O(n · k · window), not O(n²): candidates come from posting lists of shared tags and
 * distinctive terms, and only the neighbours in time of each list are scored, which the age
 * decay would demote anyway.
 */
function* relatedIndexSteps(
  input: readonly Article[],
  options: RelatedOptions,
  ranked: (slug: string, stories: RelatedStory[]) => void,
  counter: TermCounter,
): Generator<void> {
  // Oldest first, so doc ids and every posting list are in time order.
  const articles = [...input].sort((a, b) => a.publishedTime - b.publishedTime || a.slug.localeCompare(b.slug));
  const n = articles.length;
  const bySlug = new Map(articles.map((article, doc) => [article.slug, doc]));

  const tagIds = new Map<string, number>();
  const tagged = new PostingBuilder(n, articles.reduce((count, article) => count + article.tags.length, 0));
  for (const article of articles) {
    for (const tag of article.tags) {
      if (!tagIds.has(tag.slug)) tagIds.set(tag.slug, tagIds.size);
      tagged.add(tagIds.get(tag.slug)!, 1);
    }
    tagged.next();
  }
  const tagPostings = new PostingLists(tagged, tagIds.size);
  const tagIdf = Float64Array.from({ length: tagIds.size }, (_, tag) => Math.log(1 + n / tagPostings.count(tag)));
  const textPostings = yield* termPostings(articles, options.termsPerArticle, counter);

  const tagScore = new Float64Array(n);
  const textScore = new Float64Array(n);
  const touched = new Uint8Array(n);
  const candidates = new Int32Array(n);
  const decayRate = Math.LN2 / (options.halfLifeDays * 86_400_000);
  const times = Float64Array.from(articles, (a) => a.publishedTime);
  const sectionIds = new Map<string, number>();
  const sections = Int32Array.from(articles, (a) => {
    if (!sectionIds.has(a.section)) sectionIds.set(a.section, sectionIds.size);
    return sectionIds.get(a.section)!;
  });
  for (let doc = 0; doc < n; doc++) {
    const article = articles[doc];
    let candidateCount = 0;
    // Adds `weight` x the neighbour's weight to `scores` for each time-neighbour in a list.
    const visit = (postings: PostingLists, scores: Float64Array, weight: number, start: number, at: number, end: number) => {
      const { docs, weights } = postings;
      const last = Math.min(end, at + options.window + 1);
      for (let i = Math.max(start, at - options.window); i < last; i++) {
        const other = docs[i];
        if (other === doc) continue;
        if (!touched[other]) {
          touched[other] = 1;
          candidates[candidateCount++] = other;
        }
        scores[other] += weight * weights[i];
      }
    };
    let ownTagWeight = 0;
    tagPostings.eachKeyOf(doc, (tag) => (ownTagWeight += tagIdf[tag]));
    ownTagWeight ||= 1;
    tagPostings.eachKeyOf(doc, (tag, _weight, start, at, end) => visit(tagPostings, tagScore, tagIdf[tag] / ownTagWeight, start, at, end));
    textPostings.eachKeyOf(doc, (_term, weight, start, at, end) => visit(textPostings, textScore, weight, start, at, end));

    // Keep only the best few while scanning (no allocation for the rest); reasons are worked
    // out for those alone.
    const best: RelatedStory[] = [];
    const keep = options.max + article.related.length;
    for (let c = 0; c < candidateCount; c++) {
      const other = candidates[c];
      const relevance =
        options.weights.tags * tagScore[other] +
        options.weights.text * textScore[other] +
        (sections[other] === sections[doc] ? options.weights.section : 0);
      const score = relevance * Math.exp(-decayRate * Math.abs(times[other] - times[doc]));
      const relevant = tagScore[other] > 0 || textScore[other] >= options.minTextSimilarity;
      tagScore[other] = 0;
      textScore[other] = 0;
      touched[other] = 0;
      if (!relevant || (best.length === keep && score < best[keep - 1].score)) continue;
      const story: RelatedStory = { article: articles[other], score, reason: { kind: 'similar' } };
      let at = best.length;
      while (at > 0 && compareStories(story, best[at - 1]) < 0) at--;
      best.splice(at, 0, story);
      if (best.length > keep) best.pop();
    }
    for (const story of best) {
      const shared = story.article.tags.filter((tag) => article.tags.some((own) => own.slug === tag.slug));
      shared.sort((a, b) => tagIdf[tagIds.get(b.slug)!] - tagIdf[tagIds.get(a.slug)!] || a.name.localeCompare(b.name));
      if (shared.length) story.reason = { kind: 'topics', topics: shared };
    }

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
    best.forEach(take);
    // A thin topic still gets a full sidebar: the newest stories of the same section, then any.
    for (let other = n - 1; other >= 0 && chosen.length < options.min; other--) {
      if (articles[other].section === article.section) take({ article: articles[other], reason: { kind: 'section' }, score: 0 });
    }
    for (let other = n - 1; other >= 0 && chosen.length < options.min; other--) {
      take({ article: articles[other], reason: { kind: 'latest' }, score: 0 });
    }
    ranked(article.slug, chosen);
    if (doc % STEP === STEP - 1) yield;
  }
}
