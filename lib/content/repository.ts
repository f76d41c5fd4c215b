import path from 'node:path';
import { loadContent } from './load';
import { buildRelatedIndex, type RelatedStory } from './related';
import type { Article, Author, Section, SiteContent, Tag } from './types';

/**
 * The site's one view of its content: loaded, validated and indexed once per process
 * (at build, once per worker), then served from memory.
 */
export interface ContentRepository extends SiteContent {
  article(section: string, slug: string): Article | undefined;
  section(slug: string): Section | undefined;
  author(id: string): Author | undefined;
  tag(slug: string): Tag | undefined;
  tags: Tag[];
  articlesInSection(section: string): Article[];
  articlesWithTag(tag: string): Article[];
  articlesByAuthor(author: string): Article[];
  related(article: Article): RelatedStory[];
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

export function createRepository(content: SiteContent): ContentRepository {
  const { sections, authors, articles } = content;
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
  const authorsById = new Map(authors.map((a) => [a.id, a]));
  const bySection = groupBy(articles, (a) => [a.section]);
  const byTag = groupBy(articles, (a) => a.tags.map((t) => t.slug));
  const byAuthor = groupBy(articles, (a) => a.authors);
  const tagsBySlug = new Map(articles.flatMap((a) => a.tags).map((t) => [t.slug, t]));
  const tags = [...tagsBySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
  let relatedIndex: Map<string, RelatedStory[]> | undefined;

  return {
    ...content,
    tags,
    article: (section, slug) => byPath.get(`/${section}/${slug}`),
    section: (slug) => sectionsBySlug.get(slug),
    author: (id) => authorsById.get(id),
    tag: (slug) => tagsBySlug.get(slug),
    articlesInSection: (section) => bySection.get(section) ?? [],
    articlesWithTag: (tag) => byTag.get(tag) ?? [],
    articlesByAuthor: (author) => byAuthor.get(author) ?? [],
    related(article) {
      relatedIndex ??= buildRelatedIndex(articles);
      return relatedIndex.get(article.slug) ?? [];
    },
  };
}

let repository: ContentRepository | undefined;

/** Content folders come from the environment so tests and benchmarks can point at fixtures. */
export function getContent(): ContentRepository {
  repository ??= createRepository(
    loadContent({
      contentDir: process.env.CONTENT_DIR ?? path.join(process.cwd(), 'content'),
      publicDir: path.join(process.cwd(), 'public'),
    }),
  );
  return repository;
}

export function sectionName(section: string): string {
  return getContent().section(section)?.name ?? section;
}
