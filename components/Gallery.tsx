import { getImageProps } from 'next/image';
import type { Article } from '@/lib/content/types';
import { photoPath } from '@/lib/paths';
import { ArticleImage } from './ArticleImage';
import { Caption } from './Caption';
import { GalleryLightbox, type LightboxPhoto } from './GalleryLightbox.island';

const THUMB_SIZES = '(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw';

/**
 * Every photo is a real link to its permalink page, so the gallery works with JavaScript off;
 * the lightbox island only takes those clicks over when it has loaded.
 */
export function Gallery({ article }: { article: Article }) {
  const photos = article.gallery;
  if (!photos.length) return null;
  const total = photos.length;
  const lightboxPhotos: LightboxPhoto[] = photos.map((photo, i) => {
    const { props } = getImageProps({ src: photo.src, alt: photo.alt, width: photo.width, height: photo.height, sizes: '100vw' });
    return {
      src: props.src,
      srcSet: props.srcSet,
      sizes: props.sizes,
      width: photo.width,
      height: photo.height,
      alt: photo.alt,
      caption: photo.caption,
      credit: photo.credit,
      permalink: photoPath(article, i + 1),
    };
  });
  return (
    <section className="gallery" aria-labelledby="gallery-title" id="gallery">
      <h2 id="gallery-title" className="gallery__title">
        Gallery <span className="gallery__count">({total} photos)</span>
      </h2>
      <ol className="gallery__list">
        {photos.map((photo, i) => (
          <li key={photo.src + i} id={`photo-${i + 1}`} className="gallery__item">
            <figure className="photo">
              <a href={photoPath(article, i + 1)} data-lightbox-index={i} className="gallery__link">
                <span className="visually-hidden">
                  Open photo {i + 1} of {total}:{' '}
                </span>
                <ArticleImage photo={photo} sizes={THUMB_SIZES} />
              </a>
              <Caption photo={photo} position={{ index: i + 1, total }} />
            </figure>
          </li>
        ))}
      </ol>
      <GalleryLightbox galleryId="gallery" photos={lightboxPhotos} />
    </section>
  );
}
