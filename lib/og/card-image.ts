import { siteConfig } from '../config';

/**
 * What pages need to know about the share cards, without loading the renderer and its fonts.
 */

/** The 1.91:1 size Facebook, X, LinkedIn and WhatsApp all show large. */
export const cardSize = { width: 1200, height: 630 } as const;
export const cardContentType = 'image/jpeg' as const;

/** The size and type every opengraph-image file exports, for og:image:width/height/type. */
export const cardImage = { size: cardSize, contentType: cardContentType };

/** og:image:alt of each kind of card (an opengraph-image file exports one fixed alt). */
export const cardAlt = {
  site: `${siteConfig.name}: ${siteConfig.tagline}`,
  section: 'Section card: the section name and what it covers',
  article: 'Story card: the headline, its section and the lead photo',
  galleryPhoto: 'The photo with its caption and credit',
} as const;

/** Where Next serves the card of the page at `pagePath` (its opengraph-image file). */
export function cardPath(pagePath: string): string {
  return `${pagePath.replace(/\/$/, '')}/opengraph-image`;
}

export interface InheritedCard {
  /** Path of the page whose opengraph-image file draws the card. */
  path: string;
  alt: string;
}

export const siteCard: InheritedCard = { path: '/', alt: cardAlt.site };

/**
 * og:image for a page whose segment has no opengraph-image file of its own: Next drops a
 * parent segment's card as soon as the page sets `openGraph`, so it is named explicitly.
 * (Set it only there: a page's own `openGraph.images` beats its own opengraph-image file.)
 */
export function inheritedCard(card: InheritedCard) {
  return { url: cardPath(card.path), ...cardSize, type: cardContentType, alt: card.alt };
}
