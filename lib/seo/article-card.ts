import { absoluteUrl } from '../config';
import type { Article } from '../content/types';
import { cardSize, cardUrl } from '../og/card-image';
import { articleCard as shareCard } from '../og/page-cards';
import type { ImageSize } from './json-ld';

/** The article's share card (the same versioned URL as og:image), for structured data. */
export function articleCard(article: Pick<Article, 'path' | 'headline' | 'hero'>, sectionName: string): ImageSize {
  return { url: absoluteUrl(cardUrl(shareCard(article, sectionName))), ...cardSize };
}
