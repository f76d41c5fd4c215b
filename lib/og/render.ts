import { ImageResponse } from 'next/og';
import type { ReactElement } from 'react';
import sharp from 'sharp';
import { cardSize, maxCardBytes } from './card-image';
import { cardFonts } from './fonts';

const qualities = [82, 72, 60, 45];

/**
 * Draws a card and encodes it as JPEG: ImageResponse gives a PNG, which a photo makes several
 * hundred KB heavy. Tries lower qualities until the card fits `maxCardBytes`.
 */
async function renderCardJpeg(element: ReactElement): Promise<Buffer> {
  const png = Buffer.from(await new ImageResponse(element, { ...cardSize, fonts: cardFonts }).arrayBuffer());
  const decoded = sharp(png).flatten({ background: '#ffffff' });
  let jpeg: Buffer | undefined;
  for (const quality of qualities) {
    // libjpeg-turbo, not mozjpeg: mozjpeg saves ~15 % of bytes (cards are far under the limit)
    // but costs about seven times the encoding time.
    jpeg = await decoded.clone().jpeg({ quality }).toBuffer();
    if (jpeg.length <= maxCardBytes) return jpeg;
  }
  throw new Error(`card is ${jpeg!.length} bytes even at JPEG quality ${qualities.at(-1)}`);
}

/**
 * A card that never fails: if the real card cannot be drawn (a broken photo, a renderer bug),
 * the plain fallback card is served instead of an aborted response, and the error is logged.
 */
export async function renderCardOrFallback(draw: () => Promise<ReactElement>, fallback: () => ReactElement): Promise<Buffer> {
  try {
    return await renderCardJpeg(await draw());
  } catch (error) {
    console.error('Social card failed, serving the fallback card:', error);
    return renderCardJpeg(fallback());
  }
}
