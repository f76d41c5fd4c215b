import { findGalleryPhoto } from '@/lib/article-view';
import { cardImage } from '@/lib/og/card-image';
import { galleryPhotoCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';
import { photoPath } from '@/lib/paths';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** A gallery photo's own share card: the whole photo with its caption and credit. */

export const { size, contentType } = cardImage;

export default async function GalleryPhotoCardImage({ params }: { params: Promise<{ section: string; slug: string; position: string }> }) {
  const { section, slug, position } = await params;
  const found = findGalleryPhoto(section, slug, position);
  if (!found) return new Response('Not found', { status: 404 });
  return cardResponse(galleryPhotoCard(photoPath(found.article, found.index + 1), found.photo).spec);
}
