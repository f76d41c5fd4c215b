import { buildRelatedIndex, buildRelatedIndexInSteps, defaultRelatedOptions, type RelatedStory } from './related';
import { decodePicks, picksOf, type EncodedPicks, type LedeSource, type RankOffThread, type RelatedPick } from './related-ranking';
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

/**
 * Related stories for the live content, whatever its version. The index is built once (on the
 * spot for a small site, in a worker thread for a large one), and a refresh ranks the
 * newest stories again at most every RELATED_REFRESH_MS, so a publish never pays for ranking
 * the archive. Every lookup shows the stories as the asking
 * version has them: a withdrawn, unpublished or moved story leaves or follows at once, a
 * corrected headline shows at once, curated picks as the story has them now; a story newer than
 * the index gets its curated picks and its section's latest until the next refresh.
 */
export class RelatedStories {
  /** Each story's ranked picks, by slug: stories are looked up live, so the index holds no article. */
  private index?: Map<string, EncodedPicks>;
  /** The view the index last ranked: a refresh with nothing new does nothing. */
  private rankedFrom?: ContentRepository;
  private ranking?: Promise<void>;

  /**
   * `changed`: told the slugs whose related boxes changed once a ranking off the spot is done.
   * `offThread`: how the production server ranks a large archive (lib/content/rank-off-thread.ts),
   * with `ledes`, where the ledes of bodies read on demand are; without it, in steps here.
   * `withBodies`: for a store whose bodies are read asynchronously, which this thread can only
   * rank once it has them (so never on the spot).
   */
  constructor(
    readonly refreshMs = RELATED_REFRESH_MS,
    private readonly changed: (slugs: string[]) => void = () => undefined,
    private readonly offThread?: { rank: RankOffThread; ledes: LedeSource; log: (message: string) => void },
    private readonly withBodies?: (articles: readonly Article[]) => Promise<Article[]>,
  ) {}

  /** Starts ranking a large archive (or any whose bodies are read asynchronously) now, so boxes are ready before readers ask. */
  prepare(repository: ContentRepository): void {
    if (!this.index && (repository.articles.length > BUILD_AT_ONCE || this.withBodies)) this.rankAll(repository);
  }

  of(article: Article, repository: ContentRepository): RelatedStory[] {
    if (!this.index) {
      if (repository.articles.length <= BUILD_AT_ONCE && !this.withBodies) {
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
   * Ranks the newest stories of `repository` again, off the serving thread, if it changed since the last
   * ranking, and tells which related boxes changed (their pages are then stale).
   */
  refresh(repository: ContentRepository): Promise<void> {
    if (!this.index || this.ranking || this.rankedFrom === repository) return this.ranking ?? Promise.resolve();
    const index = this.index;
    this.rankedFrom = repository;
    const window = repository.articles.slice(0, REFRESH_WINDOW);
    const replaced = window.length === repository.articles.length ? window : window.slice(0, REFRESH_WINDOW / 2);
    return this.rank(window, (ranked) => {
      const changed: string[] = [];
      for (const article of replaced) {
        const picks = ranked.get(article.slug);
        if (picks === undefined || picks === index.get(article.slug)) continue;
        index.set(article.slug, picks);
        changed.push(article.slug);
      }
      return changed;
    });
  }

  private rankAll(repository: ContentRepository): void {
    if (this.ranking) return;
    this.rankedFrom = repository;
    void this.rank(repository.articles, (ranked) => {
      this.index = ranked;
      return [...ranked.keys()];
    });
  }

  private rank(articles: readonly Article[], apply: (ranked: Map<string, EncodedPicks>) => string[]): Promise<void> {
    const inSteps = async () => picksOf(await buildRelatedIndexInSteps(this.withBodies ? await this.withBodies(articles) : articles));
    const offThread = this.offThread;
    this.ranking = (offThread ? offThread.rank(articles, offThread.ledes) : inSteps())
      .catch((error: Error) => {
        offThread?.log(`related stories: ranking off the serving thread failed (${error.message}); ranking in steps instead`);
        return inSteps();
      })
      .then((ranked) => {
        const changed = apply(ranked);
        if (changed.length) this.changed(changed);
      })
      .finally(() => {
        this.ranking = undefined;
      });
    return this.ranking;
  }
}

/** Why a ranked pick is in the box, with the topics as `article` names them now. */
function reasonOf(pick: RelatedPick, article: Article): RelatedStory['reason'] {
  const topics = (pick.topics ?? []).map((slug) => article.tags.find((tag) => tag.slug === slug)).filter((tag): tag is Tag => tag !== undefined);
  return topics.length ? { kind: 'topics', topics } : { kind: 'similar' };
}
