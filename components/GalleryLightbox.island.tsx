'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Caption } from './Caption';

export interface LightboxPhoto {
  src: string;
  srcSet?: string;
  sizes?: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  permalink: string;
}

const FOCUSABLE = 'a[href], button:not([disabled])';

/**
 * Opens gallery links in a modal <dialog>: Enter or click opens, arrows move, Esc closes and
 * focus returns to the link that opened it. Without JavaScript the links simply navigate.
 */
export function GalleryLightbox({ galleryId, photos }: { galleryId: string; photos: LightboxPhoto[] }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [index, setIndex] = useState<number | null>(null);

  useEffect(() => {
    const gallery = document.getElementById(galleryId);
    if (!gallery) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-lightbox-index]');
      if (!link || !gallery.contains(link)) return;
      event.preventDefault();
      openerRef.current = link;
      setIndex(Number(link.dataset.lightboxIndex));
    };
    gallery.addEventListener('click', onClick);
    return () => gallery.removeEventListener('click', onClick);
  }, [galleryId]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (index !== null && dialog && !dialog.open) {
      dialog.showModal();
      closeRef.current?.focus();
    }
  }, [index]);

  const close = useCallback(() => dialogRef.current?.close(), []);
  const move = useCallback(
    (step: number) => setIndex((current) => (current === null ? current : (current + step + photos.length) % photos.length)),
    [photos.length],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'ArrowRight') move(1);
    else if (event.key === 'ArrowLeft') move(-1);
    else if (event.key === 'Tab') {
      // Keep focus inside the dialog, also when the browser would move it to its own toolbar.
      const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    } else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  const onClose = () => {
    setIndex(null);
    openerRef.current?.focus();
  };

  const photo = index === null ? undefined : photos[index];
  return (
    <dialog ref={dialogRef} className="lightbox" aria-label="Photo viewer" onClose={onClose} onKeyDown={onKeyDown}>
      {photo && index !== null && (
        <figure className="lightbox__figure" aria-live="polite">
          <img
            className="lightbox__image"
            src={photo.src}
            srcSet={photo.srcSet}
            sizes={photo.sizes}
            width={photo.width}
            height={photo.height}
            alt={photo.alt}
          />
          <Caption photo={photo} position={{ index: index + 1, total: photos.length }} />
        </figure>
      )}
      <div className="lightbox__controls">
        <button type="button" onClick={() => move(-1)} aria-label="Previous photo">
          ←
        </button>
        <button type="button" onClick={() => move(1)} aria-label="Next photo">
          →
        </button>
        {photo && <a href={photo.permalink}>Photo page</a>}
        <button type="button" onClick={close} ref={closeRef} className="lightbox__close">
          Close<span className="visually-hidden"> photo viewer</span>
        </button>
      </div>
    </dialog>
  );
}
