import { siteConfig } from './config';
import { getContent, type ContentRepository } from './content/repository';
import type { Article } from './content/types';
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

export function getListing(kind: ListingKind, key: string, content: ContentRepository = getContent()): Listing | undefined {
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
