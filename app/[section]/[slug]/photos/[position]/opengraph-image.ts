import { getArticleView } from '@/lib/article-view';
import { getContent } from '@/lib/content/repository';
import { cardImage } from '@/lib/og/card-image';
import { galleryPhotoCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

/** A gallery photo's own share card: the whole photo with its caption and credit. */

export const { size, contentType } = cardImage;
export const dynamicParams = false;

export function generateStaticParams() {
  return getContent().articles.flatMap((article) =>
    article.gallery.map((_, i) => ({ section: article.section, slug: article.slug, position: String(i + 1) })),
  );
}

export default async function GalleryPhotoCardImage({ params }: { params: Promise<{ section: string; slug: string; position: string }> }) {
  const { section, slug, position } = await params;
  const photo = /^[1-9]\d*$/.test(position) ? getArticleView(section, slug)?.article.gallery[Number(position) - 1] : undefined;
  if (!photo) return new Response('Not found', { status: 404 });
  return cardResponse(galleryPhotoCard(`/${section}/${slug}/photos/${position}`, photo).spec);
}
