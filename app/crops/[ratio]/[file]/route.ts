import sharp from 'sharp';
import { photoFile } from '@/lib/content/photos';
import { getContent } from '@/lib/content/repository';
import { cropGeometry, isCropRatio } from '@/lib/seo/crops';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: RouteContext<'/crops/[ratio]/[file]'>) {
  const { ratio, file } = await params;
  const photo = getContent().heroOfCrop(file);
  if (!photo || !isCropRatio(ratio)) return new Response('Not found', { status: 404 });
  const { region, width, height } = cropGeometry(photo, ratio);
  const image = await sharp(photoFile(photo.src))
    .extract(region)
    .resize(width, height, { fit: 'cover' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return new Response(new Uint8Array(image), { headers: { 'Content-Type': 'image/jpeg' } });
}
