import { buildRelatedIndex, buildRelatedIndexInSteps, defaultRelatedOptions, type RelatedStory } from './related';
import type { ContentRepository } from './repository';
import type { Article } from './types';

/** How long a new story may wait to join older stories' related boxes. */
export const RELATED_REFRESH_MS = 10 * 60_000;

/**
 * How many of the newest stories a refresh ranks again. Candidates are ranked only among
 * neighbours in time (lib/content/related.ts), so a new story can only enter the boxes of recent
 * ones; the older half of the window is context for the newer half, whose boxes are replaced.
 */
const REFRESH_WINDOW = 2_000;

/** Up to this many stories an index is built on the spot (well under a second); above, in steps. */
const BUILD_AT_ONCE = 2_000;

const sameStories = (a: RelatedStory[] = [], b: RelatedStory[] = []) => a.length === b.length && a.every((story, i) => story.article.slug === b[i].article.slug);

/**
 * Related stories for the live content, whatever its version. The index is built once (on the
 * spot for a small site, in steps between requests for a large one), and a refresh ranks the
 * newest stories again at most every RELATED_REFRESH_MS, so a publish never pays for ranking
 * the archive. Every lookup shows the stories as the asking
 * version has them: a withdrawn, unpublished or moved story leaves or follows at once, a
 * corrected headline shows at once, curated picks as the story has them now; a story newer than
 * the index gets its curated picks and its section's latest until the next refresh.
 */
export class RelatedStories {
  private index?: Map<string, RelatedStory[]>;
  /** The view the index last ranked: a refresh with nothing new does nothing. */
  private rankedFrom?: ContentRepository;
  private ranking?: Promise<void>;

  /** `changed`: told the slugs whose related boxes changed once a ranking in steps is done. */
  constructor(
    readonly refreshMs = RELATED_REFRESH_MS,
    private readonly changed: (slugs: string[]) => void = () => undefined,
  ) {}

  /** Starts ranking a large archive in steps now, so boxes are ready before readers ask. */
  prepare(repository: ContentRepository): void {
    if (!this.index && repository.articles.length > BUILD_AT_ONCE) this.rankAll(repository);
  }

  of(article: Article, repository: ContentRepository): RelatedStory[] {
    if (!this.index) {
      if (repository.articles.length <= BUILD_AT_ONCE) {
        this.index = buildRelatedIndex(repository.articles);
        this.rankedFrom = repository;
      } else this.rankAll(repository);
    }
    const { max, min } = defaultRelatedOptions;
    const chosen: RelatedStory[] = [];
    const taken = new Set([article.slug]);
    const take = (story: RelatedStory) => {
      const current = repository.bySlug(story.article.slug);
      if (chosen.length >= max || taken.has(story.article.slug) || !current || current.status !== 'published') return;
      taken.add(current.slug);
      chosen.push({ ...story, article: current });
    };
    for (const slug of article.related) {
      const curated = repository.bySlug(slug);
      if (curated) take({ article: curated, reason: { kind: 'curated' }, score: Infinity });
    }
    for (const story of this.index?.get(article.slug) ?? []) if (story.reason.kind !== 'curated') take(story);
    // A thin topic (or a story newer than the index) still gets a full box: its section's latest, then any.
    for (const other of repository.articlesInSection(article.section)) {
      if (chosen.length >= min) break;
      take({ article: other, reason: { kind: 'section' }, score: 0 });
    }
    for (const other of repository.articles) {
      if (chosen.length >= min) break;
      take({ article: other, reason: { kind: 'latest' }, score: 0 });
    }
    return chosen;
  }

  /**
   * Ranks the newest stories of `repository` again, in steps, if it changed since the last
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
        const stories = ranked.get(article.slug);
        if (!stories || sameStories(stories, index.get(article.slug))) continue;
        index.set(article.slug, stories);
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

  private rank(articles: readonly Article[], apply: (ranked: Map<string, RelatedStory[]>) => string[]): Promise<void> {
    this.ranking = buildRelatedIndexInSteps(articles)
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
