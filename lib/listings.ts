import { siteConfig } from './config';
import { getContent } from './content/repository';
import type { Article } from './content/types';
import { extraPageNumbers } from './pagination';
import { tagPath } from './paths';

export type ListingKind = 'section' | 'tag' | 'author';

/** A front that lists stories: a section, a topic or an author's work. */
export interface Listing {
  kind: ListingKind;
  /** The section, tag or author slug. */
  key: string;
  title: string;
  description: string;
  basePath: string;
  articles: Article[];
}

export function getListing(kind: ListingKind, key: string): Listing | undefined {
  const content = getContent();
  switch (kind) {
    case 'section': {
      const section = content.section(key);
      return section && { kind, key, title: section.name, description: section.description, basePath: `/${key}`, articles: content.articlesInSection(key) };
    }
    case 'tag': {
      const tag = content.tag(key);
      return (
        tag && {
          kind,
          key,
          title: tag.name,
          description: `News, analysis and photographs about ${tag.name} from ${siteConfig.name}.`,
          basePath: tagPath(key),
          articles: content.articlesWithTag(key),
        }
      );
    }
    case 'author': {
      const author = content.author(key);
      return author && { kind, key, title: author.name, description: `${author.role}. ${author.bio}`, basePath: author.path, articles: content.articlesByAuthor(key) };
    }
  }
}

function listingKeys(kind: ListingKind): string[] {
  const content = getContent();
  if (kind === 'section') return content.sections.map((s) => s.slug);
  if (kind === 'tag') return content.tags.map((t) => t.slug);
  return content.authors.map((a) => a.id);
}

/** Static params for a listing's first pages: `{ [param]: key }`. */
export function listingParams<P extends string>(kind: ListingKind, param: P): Record<P, string>[] {
  return listingKeys(kind).map((key) => ({ [param]: key }) as Record<P, string>);
}

/** Static params for a listing's later pages: `{ [param]: key, page: "2" }`. */
export function listingPageParams<P extends string>(kind: ListingKind, param: P): (Record<P, string> & { page: string })[] {
  return listingKeys(kind).flatMap((key) =>
    extraPageNumbers(getListing(kind, key)!.articles.length, siteConfig.pageSize).map(
      (page) => ({ [param]: key, page }) as Record<P, string> & { page: string },
    ),
  );
}
