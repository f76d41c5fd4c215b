import { buildRelatedIndex, buildRelatedIndexInSteps, defaultRelatedOptions, type RelatedStory } from './related';
import { decodePicks, inBatches, picksOf, type EncodedPicks, type RankedStories, type LedeSource, type RankOffThread, type RelatedPick, type StoredPicks } from './related-ranking';
import { PUBLISHED_LIST } from './content-index';
import type { ContentRepository } from './repository';
import type { Article, Tag } from './types';

/** How long a new story may wait to join older stories' related boxes. */
export const RELATED_REFRESH_MS = 10 * 60_000;

/**
 * How many of the newest stories a refresh ranks again. Candidates are ranked only among
 * neighbours in time (lib/content/related.ts), so a new story can only enter the boxes of recent
 * ones; the older half of the window is context for the newer half, whose boxes are replaced.
 */
const REFRESH_WINDOW = 2_000;

/** Up to this many stories an index is built on the spot (well under a second); above, off the serving thread. */
const BUILD_AT_ONCE = 2_000;

/** How a RelatedStories ranks, beyond on the spot: what the live content's source and server offer. */
export interface RelatedRanking {
  /**
   * How the production server ranks a large archive (lib/content/rank-off-thread.ts), with
   * `ledes`, where the ledes of bodies read on demand are; without it, in steps here.
   */
  offThread?: { rank: RankOffThread; ledes: LedeSource };
  /** For a store whose bodies are read asynchronously, which this thread can only rank once it has them (so never on the spot). */
  withBodies?: (articles: readonly Article[]) => Promise<Article[]>;
  /** Picks kept in a store that instances share (decision 46): read from it, and ranked here only while this instance leads. */
  stored?: StoredPicks;
  /** Every public story, a batch at a time, where the view holds only some (a catalogue read on demand, decision 48): what ranking the whole archive reads. */
  archive?: () => AsyncIterable<Article[]>;
  log?: (message: string) => void;
}

/**
 * Related stories for the live content, whatever its version. The index is built once (on the
 * spot for a small site, in a worker thread for a large one), and a refresh ranks the
 * newest stories again at most every RELATED_REFRESH_MS, so a publish never pays for ranking
 * the archive. With a shared store, one instance ranks for all and stores the picks, which
 * every instance reads: a start reads picks, it does not rank. Every lookup shows the stories
 * as the asking version has them: a withdrawn, unpublished or moved story leaves or follows at
 * once, a corrected headline shows at once, curated picks as the story has them now; a story
 * newer than the index gets its curated picks and its section's latest until the next refresh.
 */
export class RelatedStories {
  /**
   * Each story's ranked picks, by slug: stories are looked up live, so the index holds no
   * article. With a shared store, only the picks of stories shown lately (HeldPicks).
   */
  private index?: PicksIndex;
  /** The view the index last ranked: a refresh with nothing new does nothing. */
  private rankedFrom?: ContentRepository;
  private ranking?: Promise<void>;
  /** How far the stored picks are followed; the reads queued one after another, and the one not started yet. */
  private storedCursor = '0';
  private storedReads = Promise.resolve();
  private nextStoredRead?: Promise<void>;
  private readonly log: (message: string) => void;

  /** `changed`: told the slugs whose related boxes changed once a ranking off the spot, or a read of stored picks, is done. */
  constructor(
    readonly refreshMs = RELATED_REFRESH_MS,
    private readonly changed: (slugs: string[]) => void = () => undefined,
    private readonly how: RelatedRanking = {},
  ) {
    this.log = how.log ?? console.error;
    if (how.stored) this.index = new HeldPicks(HELD_PICKS_BYTES);
  }

  /**
   * Makes the boxes ready before readers ask: ranks a large archive (or any whose bodies are
   * read asynchronously) now, or, with a shared store, ranks it whole if no one has and this
   * instance leads.
   */
  prepare(repository: ContentRepository): void {
    if (this.how.stored) void this.storedReads.then(() => this.refreshStored(repository, this.how.stored!, { wholeOnly: true }));
    else if (!this.index && (repository.articles.length > BUILD_AT_ONCE || this.how.withBodies)) this.rankAll(repository);
  }

  /** The stories a box may show before its fallbacks, by slug: the curated picks, then the ranked ones held here. */
  candidatesOf(article: Article): string[] {
    return [...article.related, ...decodePicks(this.index?.get(article.slug) ?? '').map((pick) => pick.slug)];
  }

  of(article: Article, repository: ContentRepository): RelatedStory[] {
    if (!this.index && !this.how.stored) {
      if (repository.articles.length <= BUILD_AT_ONCE && !this.how.withBodies) {
        this.index = picksOf(buildRelatedIndex(repository.articles));
        this.rankedFrom = repository;
      } else this.rankAll(repository);
    }
    const { max, min } = defaultRelatedOptions;
    const chosen: RelatedStory[] = [];
    const taken = new Set([article.slug]);
    const take = (slug: string, reason: RelatedStory['reason'], score = 0) => {
      const current = repository.bySlug(slug);
      if (chosen.length >= max || taken.has(slug) || !current || current.status !== 'published') return;
      taken.add(slug);
      chosen.push({ article: current, reason, score });
    };
    for (const slug of article.related) take(slug, { kind: 'curated' }, Infinity);
    for (const pick of decodePicks(this.index?.get(article.slug) ?? '')) take(pick.slug, reasonOf(pick, article));
    // A thin topic (or a story newer than the index) still gets a full box: its section's latest, then any.
    for (const other of repository.articlesInSection(article.section)) {
      if (chosen.length >= min) break;
      take(other.slug, { kind: 'section' });
    }
    for (const other of repository.articles) {
      if (chosen.length >= min) break;
      take(other.slug, { kind: 'latest' });
    }
    return chosen;
  }

  /**
   * Ranks the newest stories of `repository` again, off the serving thread, if it changed since
   * the last ranking, and tells which related boxes changed (their pages are then stale). With
   * a shared store, only the instance that leads ranks, and stores what changed.
   */
  refresh(repository: ContentRepository): Promise<void> {
    if (this.how.stored) return this.refreshStored(repository, this.how.stored);
    if (!this.index || this.ranking || this.rankedFrom === repository) return this.ranking ?? Promise.resolve();
    const index = this.index;
    this.rankedFrom = repository;
    return this.rankNewest(repository, async (ranked) => {
      const changes = ranked.filter(([slug, picks]) => index.get(slug) !== picks);
      for (const [slug, picks] of changes) index.set(slug, picks);
      return changes.map(([slug]) => slug);
    });
  }

  /**
   * Starts following a shared store's picks from its newest write: readStored then reads only
   * what is written after. Nothing is read ahead; a page reads its story's picks (load).
   */
  follow(): void {
    const stored = this.how.stored;
    if (!stored) return;
    this.storedReads = this.storedReads
      .then(() => stored.latest())
      .then(
        (cursor) => void (this.storedCursor = cursor),
        (error: Error) => this.log(`related stories: the shared store did not answer (${error.message}); following it from its first picks`),
      );
  }

  /** With a shared store: reads the picks of these stories unless held, so that their boxes are ready (what shows a box awaits this). */
  async load(slugs: string[]): Promise<void> {
    const stored = this.how.stored;
    const held = this.index;
    if (!stored || !held) return;
    const missing = slugs.filter((slug) => !held.has(slug));
    if (!missing.length) return;
    try {
      const found = await stored.picksOf(missing);
      // A notice read meanwhile holds newer picks than this query saw.
      for (const slug of missing) if (!held.has(slug)) held.set(slug, found.get(slug) ?? '');
    } catch (error) {
      this.log(`related stories: reading the picks of ${missing.join(', ')} failed (${(error as Error).message}); showing their sections' latest`);
    }
  }

  /**
   * Reads the picks stored since the last read, holds them, and tells which boxes changed (a
   * page showing one may be cached even when its picks are no longer held). Called when the
   * store says picks were written. One read at a time: the notices that come during one ask
   * for one more after it, not one each.
   */
  readStored(): Promise<void> {
    const stored = this.how.stored;
    if (!stored) return Promise.resolve();
    if (!this.nextStoredRead) {
      this.storedReads = this.storedReads.then(() => {
        this.nextStoredRead = undefined;
        return this.readStoredOnce(stored);
      });
      this.nextStoredRead = this.storedReads;
    }
    return this.nextStoredRead;
  }

  private async readStoredOnce(stored: StoredPicks): Promise<void> {
    const index = this.index!;
    const changed: string[] = [];
    try {
      for await (const batch of stored.readSince(this.storedCursor)) {
        for (const [slug, picks] of batch.picks) {
          if (index.get(slug) === picks) continue;
          index.set(slug, picks);
          changed.push(slug);
        }
        this.storedCursor = batch.cursor;
      }
    } catch (error) {
      this.log(`related stories: reading the stored picks failed (${(error as Error).message}); reading on at the next notice`);
    }
    if (changed.length) this.changed(changed);
  }

  /** `wholeOnly`: at start, rank only if no one ranked the whole archive (the newest wait for the next refresh). */
  private async refreshStored(repository: ContentRepository, stored: StoredPicks, { wholeOnly = false } = {}): Promise<void> {
    if (this.ranking || this.rankedFrom === repository) return this.ranking;
    try {
      if (!(await stored.lead())) return;
      const whole = !(await stored.rankedWhole());
      if (!whole && wholeOnly) return;
      this.rankedFrom = repository;
      const store = async (picks: [string, EncodedPicks][]) => {
        try {
          await stored.write(picks, whole);
        } catch (error) {
          this.log(`related stories: storing ${picks.length} stories' picks failed (${(error as Error).message}); ranking again at the next refresh`);
          this.rankedFrom = undefined;
        }
        // Read back like any instance's: the boxes that changed are dropped here too.
        await this.readStored();
        return [];
      };
      const changedOnly = async (ranked: [string, EncodedPicks][]) => {
        const before = await stored.picksOf(ranked.map(([slug]) => slug));
        return store(ranked.filter(([slug, picks]) => before.get(slug) !== picks));
      };
      await (whole ? this.rank(this.how.archive ?? repository.articles, (ranked) => store([...ranked])) : this.rankNewest(repository, changedOnly));
    } catch (error) {
      this.log(`related stories: the shared store did not answer (${(error as Error).message}); trying again at the next refresh`);
    }
  }

  /**
   * Ranks the newest stories again (read from the store where it keeps the lists: a view may not
   * hold them all) and hands `apply` the picks of those whose boxes it replaces.
   */
  private async rankNewest(repository: ContentRepository, apply: (ranked: [string, EncodedPicks][]) => Promise<string[]>): Promise<void> {
    const { stories: window, total } = await repository.listPage(PUBLISHED_LIST, 1, REFRESH_WINDOW);
    const replaced = window.length === total ? window : window.slice(0, REFRESH_WINDOW / 2);
    return this.rank(window, (ranked) =>
      apply(
        replaced.flatMap((article): [string, EncodedPicks][] => {
          const picks = ranked.get(article.slug);
          return picks === undefined ? [] : [[article.slug, picks]];
        }),
      ),
    );
  }

  private rankAll(repository: ContentRepository): void {
    if (this.ranking) return;
    this.rankedFrom = repository;
    void this.rank(repository.articles, async (ranked) => {
      this.index = ranked;
      return [...ranked.keys()];
    });
  }

  private rank(articles: RankedStories, apply: (ranked: Map<string, EncodedPicks>) => Promise<string[]>): Promise<void> {
    const { offThread, withBodies } = this.how;
    // In steps on this thread (no worker, or it failed): every story held at once.
    const inSteps = async () => {
      const all: Article[] = [];
      for await (const batch of inBatches(articles, Infinity)) all.push(...batch);
      return picksOf(await buildRelatedIndexInSteps(withBodies ? await withBodies(all) : all));
    };
    this.ranking = (offThread ? offThread.rank(articles, offThread.ledes) : inSteps())
      .catch((error: Error) => {
        this.log(`related stories: ranking off the serving thread failed (${error.message}); ranking in steps instead`);
        return inSteps();
      })
      .then(async (ranked) => {
        const changed = await apply(ranked);
        if (changed.length) this.changed(changed);
      })
      .finally(() => {
        this.ranking = undefined;
      });
    return this.ranking;
  }
}

/** What the index needs of a map of picks by slug. */
interface PicksIndex {
  get(slug: string): EncodedPicks | undefined;
  has(slug: string): boolean;
  set(slug: string, picks: EncodedPicks): unknown;
}

/** Stored picks held per instance: about 10,000 stories' (a page reads its story's on a miss). */
const HELD_PICKS_BYTES = 4 * 1024 * 1024;

/**
 * Picks read from a shared store within a byte budget, in two generations: once the newer holds
 * half the budget it becomes the older, and the older is dropped. Constant time per entry; a
 * Map trimmed from its oldest end one entry at a time costs more with each (its iterator steps
 * over every deleted slot: 2.6 s for 250,000 picks read after a whole ranking).
 */
class HeldPicks implements PicksIndex {
  private newer = new Map<string, EncodedPicks>();
  private older = new Map<string, EncodedPicks>();
  private newerBytes = 0;
  constructor(private readonly budget: number) {}

  get(slug: string): EncodedPicks | undefined {
    return this.newer.get(slug) ?? this.older.get(slug);
  }

  has(slug: string): boolean {
    return this.newer.has(slug) || this.older.has(slug);
  }

  set(slug: string, picks: EncodedPicks): void {
    this.older.delete(slug);
    const before = this.newer.get(slug);
    if (before !== undefined) this.newerBytes -= sizeOf(slug, before);
    this.newer.set(slug, picks);
    this.newerBytes += sizeOf(slug, picks);
    if (this.newerBytes > this.budget / 2) {
      this.older = this.newer;
      this.newer = new Map();
      this.newerBytes = 0;
    }
  }
}

/** A held entry's cost: two strings of one-byte characters and the map's entry. */
const sizeOf = (slug: string, picks: EncodedPicks) => slug.length + picks.length + 64;

/** Why a ranked pick is in the box, with the topics as `article` names them now. */
function reasonOf(pick: RelatedPick, article: Article): RelatedStory['reason'] {
  const topics = (pick.topics ?? []).map((slug) => article.tags.find((tag) => tag.slug === slug)).filter((tag): tag is Tag => tag !== undefined);
  return topics.length ? { kind: 'topics', topics } : { kind: 'similar' };
}
