import { findGalleryPhoto, galleryPhotoParams } from '@/lib/article-view';
import { cardImage } from '@/lib/og/card-image';
import { galleryPhotoCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';
import { photoPath } from '@/lib/paths';

/** A gallery photo's own share card: the whole photo with its caption and credit. */

export const { size, contentType } = cardImage;
export const dynamicParams = false;

export function generateStaticParams() {
  return galleryPhotoParams();
}

export default async function GalleryPhotoCardImage({ params }: { params: Promise<{ section: string; slug: string; position: string }> }) {
  const { section, slug, position } = await params;
  const found = findGalleryPhoto(section, slug, position);
  if (!found) return new Response('Not found', { status: 404 });
  return cardResponse(galleryPhotoCard(photoPath(found.article, found.index + 1), found.photo).spec);
}
