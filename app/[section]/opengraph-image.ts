import { getContent } from '@/lib/content/repository';
import { listingParams } from '@/lib/listings';
import { cardImage } from '@/lib/og/card-image';
import { sectionCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

/** A section front's share card: the section's name and what it covers. */

export const { size, contentType } = cardImage;
export const dynamicParams = false;

export function generateStaticParams() {
  return listingParams('section', 'section');
}

export default async function SectionCardImage({ params }: { params: Promise<{ section: string }> }) {
  const section = getContent().section((await params).section);
  if (!section) return new Response('Not found', { status: 404 });
  return cardResponse(sectionCard(section).spec);
}
