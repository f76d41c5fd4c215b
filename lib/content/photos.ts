import path from 'node:path';
import { contentLocations } from './locations';
import { PHOTO_SRC_PATTERN } from './schema';

/** The file behind a photo's URL ("/photos/x.jpg"), refusing anything outside the photos folder. */
export function photoFile(src: string): string {
  const { photosDir } = contentLocations();
  const file = path.join(photosDir, decodeURIComponent(src.replace(/^\/photos\//, '')));
  if (!src.startsWith('/photos/') || path.relative(photosDir, file).startsWith('..')) {
    throw new Error(`not a photo under /photos/: ${src}`);
  }
  return file;
}

const PHOTO_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

/** The media type of a photo file name that PHOTO_SRC_PATTERN allows, or undefined for anything else. */
export function photoContentType(src: string): string | undefined {
  if (!PHOTO_SRC_PATTERN.test(src)) return undefined;
  return PHOTO_TYPES[src.slice(src.lastIndexOf('.') + 1).toLowerCase()];
}

/** "/photos/harbour.jpg" -> "harbour.jpg": crops are always JPEG, whatever the source. */
export function cropFileName(photo: { src: string }): string {
  const name = photo.src.slice(photo.src.lastIndexOf('/') + 1);
  return `${name.slice(0, name.lastIndexOf('.'))}.jpg`;
}
