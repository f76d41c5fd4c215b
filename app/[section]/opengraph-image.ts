import { getListing, listingParams } from '@/lib/listings';
import { cardAlt, cardImage } from '@/lib/og/card-image';
import { cardResponse } from '@/lib/og/cards';

/** A section front's share card: the section's name and what it covers. */

export const alt = cardAlt.section;
export const { size, contentType } = cardImage;
export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('section', 'section');
}

export default async function SectionCardImage({ params }: { params: Promise<{ section: string }> }) {
  const listing = getListing('section', (await params).section);
  if (!listing) return new Response('Not found', { status: 404 });
  return cardResponse({ kind: 'front', title: listing.title, description: listing.description });
}
