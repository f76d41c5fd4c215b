import { createHash } from 'node:crypto';
import { absoluteUrl } from '../config';
import type { Photo } from '../content/types';
import type { ImageSize } from '../seo/json-ld';

/**
 * What pages need to know about the share cards, without loading the renderer and its fonts.
 */

/** The 1.91:1 size Facebook, X, LinkedIn and WhatsApp all show large. */
export const cardSize = { width: 1200, height: 630 } as const;
export const cardContentType = 'image/jpeg' as const;
/** WhatsApp is reported to drop preview images over about 300 KB. */
export const maxCardBytes = 300 * 1024;

/** The size and type every opengraph-image file exports, for og:image:width/height/type. */
export const cardImage = { size: cardSize, contentType: cardContentType };

/** What a card shows: everything its picture depends on. */
export type CardSpec =
  | { kind: 'article'; section: string; headline: string; photo?: Photo; live?: CardLiveStatus }
  | { kind: 'gallery-photo'; photo: Photo }
  | { kind: 'front'; title: string; description: string };

/** A live blog's card: "Live" and its latest update, "Ended" and its end; an entry's: "Update" and its time. */
export interface CardLiveStatus {
  label: 'Live' | 'Ended' | 'Update';
  /** ISO 8601. */
  time?: string;
}

/** Bump when the card layouts change, so every card gets a new URL. */
const CARD_DESIGN = 1;

/** A page's share card: the page whose opengraph-image file draws it, and what it shows. */
export interface CardRef {
  path: string;
  spec: CardSpec;
  alt: string;
}

/** Where Next serves the card of the page at `pagePath` (its opengraph-image file). */
export function cardPath(pagePath: string): string {
  return `${pagePath.replace(/\/$/, '')}/opengraph-image`;
}

/**
 * The card's URL, versioned by a hash of what it shows: a corrected headline or a new photo
 * makes a new URL, so the card itself can be cached for a year. (Next's own `?hash` only
 * follows the image file's source code.) The prerendered card ignores the query.
 */
export function cardUrl({ path, spec }: Pick<CardRef, 'path' | 'spec'>): string {
  const version = createHash('sha256').update(JSON.stringify([CARD_DESIGN, spec])).digest('hex').slice(0, 12);
  return `${cardPath(path)}?v=${version}`;
}

/** og:image of a page, with the size and type social platforms need to show it at once. */
export function cardOpenGraphImage(card: CardRef) {
  return { url: cardUrl(card), ...cardSize, type: cardContentType, alt: card.alt };
}

/** The card as structured data lists it: the same versioned URL as og:image, made absolute. */
export function absoluteCardImage(card: Pick<CardRef, 'path' | 'spec'>): ImageSize {
  return { url: absoluteUrl(cardUrl(card)), ...cardSize };
}
