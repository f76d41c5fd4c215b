import { notFound } from 'next/navigation';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { findGalleryPhoto } from '@/lib/article-view';
import { pageMetadata } from '@/lib/metadata';
import { galleryPhotoCard } from '@/lib/og/page-cards';
import { photoPath } from '@/lib/paths';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[section]/[slug]/photos/[position]'>;

async function findPhoto(params: Props['params']) {
  const { section, slug, position } = await params;
  return findGalleryPhoto(section, slug, position);
}

export async function generateMetadata({ params }: Props) {
  const found = await findPhoto(params);
  if (!found) return {};
  const { article, photo, index } = found;
  return pageMetadata({
    title: `Photo ${index + 1} of ${article.gallery.length}: ${article.headline}`,
    description: `${photo.caption} Picture: ${photo.credit}`,
    path: photoPath(article, index + 1),
    card: galleryPhotoCard(photoPath(article, index + 1), photo),
  });
}

/** A gallery photo's permalink: shareable on its own, and the no-JavaScript lightbox. */
export default async function PhotoPage({ params }: Props) {
  const found = await findPhoto(params);
  if (!found) notFound();
  const { article, photo, index } = found;
  const total = article.gallery.length;
  return (
    <div className="photo-page">
      <p className="photo-page__context">
        Photo {index + 1} of {total} from <a href={article.path}>{article.headline}</a>
      </p>
      <h1 className="visually-hidden">
        Photo {index + 1} of {total}: {article.headline}
      </h1>
      <CaptionedPhoto photo={photo} sizes="100vw" preload position={{ index: index + 1, total }} />
      <nav aria-label="Gallery" className="pagination">
        {index > 0 && (
          <a href={photoPath(article, index)} rel="prev">
            ← Previous photo
          </a>
        )}
        <a href={`${article.path}#photo-${index + 1}`}>Back to the article</a>
        {index < total - 1 && (
          <a href={photoPath(article, index + 2)} rel="next">
            Next photo →
          </a>
        )}
      </nav>
    </div>
  );
}
