import { cropFileName } from '../content/photos';
import type { Photo } from '../content/types';

/** The aspect ratios Google asks for in an article's structured-data images. */
export const CROP_RATIOS = { '16x9': [16, 9], '4x3': [4, 3], '1x1': [1, 1] } as const;
export type CropRatio = keyof typeof CROP_RATIOS;

/** Google Discover shows large previews for images at least this wide. */
export const CROP_TARGET_WIDTH = 1200;

interface CropGeometry {
  /** The centred region of the source photo. */
  region: { left: number; top: number; width: number; height: number };
  /** Size of the image served: the region scaled down to the target width, never up. */
  width: number;
  height: number;
}

export function isCropRatio(value: string): value is CropRatio {
  return Object.hasOwn(CROP_RATIOS, value);
}

/** The largest centred crop of `ratio` the photo holds, at most 1200 px wide. */
export function cropGeometry(photo: Pick<Photo, 'width' | 'height'>, ratio: CropRatio): CropGeometry {
  const [across, down] = CROP_RATIOS[ratio];
  const regionWidth = Math.min(photo.width, Math.floor((photo.height * across) / down));
  const regionHeight = Math.round((regionWidth * down) / across);
  const width = Math.min(regionWidth, CROP_TARGET_WIDTH);
  return {
    region: {
      left: Math.floor((photo.width - regionWidth) / 2),
      top: Math.floor((photo.height - regionHeight) / 2),
      width: regionWidth,
      height: regionHeight,
    },
    width,
    height: Math.round((width * down) / across),
  };
}

/** Site path of a crop, e.g. "/crops/16x9/harbour.jpg". */
export function cropPath(photo: Pick<Photo, 'src'>, ratio: CropRatio): string {
  return `/crops/${ratio}/${cropFileName(photo)}`;
}
