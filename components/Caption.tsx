import type { Photo } from '@/lib/content/types';

export interface CaptionProps {
  photo: Pick<Photo, 'caption' | 'credit'>;
  /** 1-based place in a gallery, shown as "3/7". */
  position?: { index: number; total: number };
}

/** Caption, credit and gallery position; the hidden prefix tells screen-reader users what follows. */
export function Caption({ photo, position }: CaptionProps) {
  return (
    <figcaption className="caption">
      {position && (
        <span className="caption__position">
          <span className="visually-hidden">Photo </span>
          {position.index}/{position.total}
          <span className="visually-hidden">.</span>{' '}
        </span>
      )}
      <span className="visually-hidden">Image caption: </span>
      {photo.caption}{' '}
      <span className="caption__credit">Picture: {photo.credit}</span>
    </figcaption>
  );
}
