import Image from 'next/image';
import type { Photo } from '@/lib/content/types';

export interface ArticleImageProps {
  photo: Photo;
  sizes: string;
  /** Only the hero, the likely LCP element, is preloaded; the rest load lazily. */
  preload?: boolean;
  className?: string;
}

/** A photo through next/image at its real aspect ratio; like simorgh, no alt text means no image. */
export function ArticleImage({ photo, sizes, preload = false, className }: ArticleImageProps) {
  if (!photo.alt.trim()) return null;
  return (
    <Image
      src={photo.src}
      alt={photo.alt}
      width={photo.width}
      height={photo.height}
      sizes={sizes}
      preload={preload}
      fetchPriority={preload ? 'high' : undefined}
      className={className}
    />
  );
}
