import sharp from 'sharp';
import { photoFile } from '../content/photos';

/**
 * A photo read from disk, sized to exactly the box it fills on the card and embedded as a
 * JPEG data URL: the card never fetches its photo over HTTP, and satori gets no more pixels
 * than it draws. `cover` crops to the interesting part; `contain` shows the whole photo on
 * the given background, for a gallery photo shared on its own.
 */
export async function photoDataUrl(
  src: string,
  box: { width: number; height: number },
  fit: 'cover' | 'contain' = 'cover',
  background = '#121212',
): Promise<string> {
  const jpeg = await sharp(photoFile(src))
    .rotate()
    .resize(box.width, box.height, { fit, position: fit === 'cover' ? sharp.strategy.attention : 'centre', background })
    // Decoded again by the renderer and re-encoded into the card: high quality, fast encoder.
    .jpeg({ quality: 90 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
