import { getContent } from '@/lib/content/repository';
import { cardImage } from '@/lib/og/card-image';
import { sectionCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** A section front's share card: the section's name and what it covers. */

export const { size, contentType } = cardImage;

export default async function SectionCardImage({ params }: { params: Promise<{ section: string }> }) {
  const section = getContent().section((await params).section);
  if (!section) return new Response('Not found', { status: 404 });
  return cardResponse(sectionCard(section).spec);
}
