import { cardImage } from '@/lib/og/card-image';
import { siteCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

/** The site's share card, for the home page and every page without a card of its own. */

export const { size, contentType } = cardImage;

export default function SiteCardImage() {
  return cardResponse(siteCard().spec);
}
