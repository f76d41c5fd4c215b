import { createHash } from 'node:crypto';
import type { RelatedStory } from './related';
import { RelatedStories } from './related-stories';
import { liveContent } from './live';
import type { Article, Author, Correction, Section, SiteContent, Tag } from './types';

/** A correction with the story it corrects, for the corrections page. */
export interface CorrectionNotice extends Correction {
  article: Article;
}

/**
 * The site's one view of its content at one moment: what readers may see (published stories
 * whose time has come), what answers 410 or 308, and what only a preview may show. A new
 * repository is made for every content version (lib/content/live.ts); pages ask getContent().
 */
export interface ContentRepository {
  /** Changes whenever anything public changes (for logs, the status endpoint and tests). */
  version: string;
  /** The moment this view is of (epoch ms): stories published later are not in it yet. */
  createdAt: number;
  sections: Section[];
  authors: Author[];
  /** Public stories only, newest first. */
  articles: Article[];
  tags: Tag[];
  article(section: string, slug: string): Article | undefined;
  /** A public or withdrawn story by slug (what readers see of it), or undefined. */
  bySlug(slug: string): Article | undefined;
  /** A withdrawn story at its path (410), or undefined. */
  withdrawn(path: string): Article | undefined;
  /** Any story at its path whatever its state (draft, embargoed, withdrawn), for previews. */
  preview(section: string, slug: string): Article | undefined;
  /** The current path of a public story that once lived at `path`, or undefined. */
  aliasTarget(path: string): string | undefined;
  section(slug: string): Section | undefined;
  author(id: string): Author | undefined;
  tag(slug: string): Tag | undefined;
  articlesInSection(section: string): Article[];
  articlesWithTag(tag: string): Article[];
  articlesByAuthor(author: string): Article[];
  related(article: Article): RelatedStory[];
  /** Every correction of a public story, newest first. */
  corrections: CorrectionNotice[];
  /** Epoch ms of the next embargo to lift, when this view stops being true; undefined if none. */
  nextEmbargoLift?: number;
}

function groupBy<K>(articles: Article[], keys: (article: Article) => K[]): Map<K, Article[]> {
  const groups = new Map<K, Article[]>();
  for (const article of articles) {
    for (const key of keys(article)) {
      const list = groups.get(key);
      if (list) list.push(article);
      else groups.set(key, [article]);
    }
  }
  return groups;
}

export function isPublic(article: Article, now: number): boolean {
  return article.status === 'published' && article.publishedTime <= now;
}

/** What public pages can show, hashed: sections, authors, public stories and withdrawn paths. */
function versionOf(content: SiteContent, visible: Article[], withdrawn: Article[]): string {
  const hash = createHash('sha1');
  hash.update(JSON.stringify([content.sections, content.authors]));
  for (const article of visible) hash.update(`${article.path} ${article.revision}\n`);
  for (const article of withdrawn) hash.update(`gone ${article.path} ${article.revision}\n`);
  return hash.digest('base64url').slice(0, 12);
}

export function createRepository(content: SiteContent, now = Date.now(), relatedStories = new RelatedStories()): ContentRepository {
  const { sections, authors } = content;
  const articles = content.articles.filter((a) => isPublic(a, now));
  const withdrawnArticles = content.articles.filter((a) => a.status === 'withdrawn');
  const visibleSlugs = new Set(articles.map((a) => a.slug));
  // A curated pick that is not public (a draft, an embargo) is left out until it is.
  const publicArticles = articles.map((a) => (a.related.every((slug) => visibleSlugs.has(slug)) ? a : { ...a, related: a.related.filter((slug) => visibleSlugs.has(slug)) }));
  const byPath = new Map(publicArticles.map((a) => [a.path, a]));
  const anyByPath = new Map(content.articles.map((a) => [a.path, a]));
  const withdrawnByPath = new Map(withdrawnArticles.map((a) => [a.path, a]));
  const aliases = new Map(publicArticles.flatMap((a) => a.aliases.filter((alias) => !byPath.has(alias)).map((alias) => [alias, a.path] as const)));
  const sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
  const authorsById = new Map(authors.map((a) => [a.id, a]));
  const bySection = groupBy(publicArticles, (a) => [a.section]);
  const byTag = groupBy(publicArticles, (a) => a.tags.map((t) => t.slug));
  const byAuthor = groupBy(publicArticles, (a) => a.authors);
  const tagsBySlug = new Map(publicArticles.flatMap((a) => a.tags).map((t) => [t.slug, t]));
  const tags = [...tagsBySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
  const corrections = publicArticles
    .flatMap((article) => article.corrections.map((correction) => ({ ...correction, article })))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const embargoes = content.articles.filter((a) => a.status === 'published' && a.publishedTime > now).map((a) => a.publishedTime);
  const readersSee = new Map([...withdrawnArticles, ...publicArticles].map((a) => [a.slug, a]));

  const repository: ContentRepository = {
    version: versionOf(content, publicArticles, withdrawnArticles),
    createdAt: now,
    sections,
    authors,
    articles: publicArticles,
    tags,
    corrections,
    nextEmbargoLift: embargoes.length ? Math.min(...embargoes) : undefined,
    article: (section, slug) => byPath.get(`/${section}/${slug}`),
    bySlug: (slug) => readersSee.get(slug),
    withdrawn: (path) => withdrawnByPath.get(path),
    preview: (section, slug) => anyByPath.get(`/${section}/${slug}`),
    aliasTarget: (path) => aliases.get(path),
    section: (slug) => sectionsBySlug.get(slug),
    author: (id) => authorsById.get(id),
    tag: (slug) => tagsBySlug.get(slug),
    articlesInSection: (section) => bySection.get(section) ?? [],
    articlesWithTag: (tag) => byTag.get(tag) ?? [],
    articlesByAuthor: (author) => byAuthor.get(author) ?? [],
    related: (article) => relatedStories.of(article, repository),
  };
  return repository;
}

/** The live content version: what every page, feed, sitemap and card shows right now. */
export function getContent(): ContentRepository {
  return liveContent().current();
}

export function sectionName(section: string): string {
  return getContent().section(section)?.name ?? section;
}
