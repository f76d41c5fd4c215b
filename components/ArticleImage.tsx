import { getImageProps } from 'next/image';
import { preload as preloadResource } from 'react-dom';
import type { Photo } from '@/lib/content/types';

export interface ArticleImageProps {
  photo: Photo;
  sizes: string;
  /** Only the hero, the likely LCP element, is preloaded; the rest load lazily. */
  preload?: boolean;
  className?: string;
}

/**
 * A photo at its real aspect ratio, in the sizes next/image's optimiser makes; like simorgh, no
 * alt text means no image. A plain <img> rendered on the server: the <Image> component would
 * make every photo a client component for React to hydrate, and a photo needs no JavaScript.
 */
export function ArticleImage({ photo, sizes, preload = false, className }: ArticleImageProps) {
  if (!photo.alt.trim()) return null;
  const { props } = getImageProps({
    src: photo.src,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    sizes,
    preload,
    fetchPriority: preload ? 'high' : undefined,
    className,
  });
  if (preload) {
    preloadResource(props.src, { as: 'image', imageSrcSet: props.srcSet, imageSizes: props.sizes, fetchPriority: 'high' });
  }
  // eslint-disable-next-line @next/next/no-img-element -- the props come from next/image
  return <img {...props} alt={photo.alt} />;
}
