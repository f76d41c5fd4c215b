import { createHash } from 'node:crypto';
import type { Article } from '../content/types';

/**
 * What identifies a version of an article's searchable content: the index re-analyses an article
 * only when this changes. The content layer is about to give every article its own `revision`;
 * until it does, a hash of what search reads stands in for it.
 */
export function articleRevision(article: Article & { revision?: string }): string {
  if (article.revision !== undefined) return article.revision;
  const { headline, standfirst, body, section, authors, published, updated } = article;
  const tags = article.tags.map((tag) => `${tag.slug}=${tag.name}`);
  return createHash('sha1').update(JSON.stringify([headline, standfirst, body, section, authors, tags, published, updated])).digest('base64url');
}
