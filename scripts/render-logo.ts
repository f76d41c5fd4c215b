/**
 * Renders public/logo.svg to public/logo.png, the raster logo structured data points at
 * (Google wants a 600x60-style PNG, not SVG). Run after changing the SVG: npx tsx scripts/render-logo.ts
 */
import path from 'node:path';
import sharp from 'sharp';
import { PUBLISHER_LOGO } from '../lib/seo/json-ld';

const publicDir = path.join(__dirname, '..', 'public');

sharp(path.join(publicDir, 'logo.svg'))
  .resize(PUBLISHER_LOGO.width, PUBLISHER_LOGO.height)
  .png({ compressionLevel: 9 })
  .toFile(path.join(publicDir, 'logo.png'))
  .then((info) => console.log(`public/logo.png: ${info.width}x${info.height}, ${info.size} bytes`));
