import { siteConfig } from '@/lib/config';
import { cardAlt, cardImage } from '@/lib/og/card-image';
import { cardResponse } from '@/lib/og/cards';

/** The site's share card, for the home page and every page without a card of its own. */

export const alt = cardAlt.site;
export const { size, contentType } = cardImage;

export default function SiteCardImage() {
  return cardResponse({ kind: 'front', title: siteConfig.name, description: siteConfig.tagline });
}
