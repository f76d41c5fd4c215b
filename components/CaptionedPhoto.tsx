import type { Photo } from '@/lib/content/types';
import { ArticleImage } from './ArticleImage';
import { Caption, type CaptionProps } from './Caption';

export function CaptionedPhoto({
  photo,
  sizes,
  preload,
  position,
}: {
  photo: Photo;
  sizes: string;
  preload?: boolean;
  position?: CaptionProps['position'];
}) {
  return (
    <figure className="photo">
      <ArticleImage photo={photo} sizes={sizes} preload={preload} />
      <Caption photo={photo} position={position} />
    </figure>
  );
}
