import { absoluteUrl } from '../config';
import type { Article } from '../content/types';
import { cardPath, cardSize } from '../og/card-image';
import type { ImageSize } from './json-ld';

/** The article's share card (its opengraph-image file), for structured data. */
export function articleCard(article: Pick<Article, 'path'>): ImageSize {
  return { url: absoluteUrl(cardPath(article.path)), ...cardSize };
}
