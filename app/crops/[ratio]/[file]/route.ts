import sharp from 'sharp';
import { getContent } from '@/lib/content/repository';
import type { Photo } from '@/lib/content/types';
import { photoFile } from '@/lib/og/photo';
import { CROP_RATIOS, cropFileName, cropGeometry, isCropRatio, type CropRatio } from '@/lib/seo/crops';

/** Hero crops for structured data, rendered once at build time. */
export const dynamic = 'force-static';
export const dynamicParams = false;

let heroes: Map<string, Photo> | undefined;

/** Every article's hero by its crop file name, built on first use: content is fixed for the process. */
function heroesByCropFile(): Map<string, Photo> {
  heroes ??= new Map(getContent().articles.map((article) => [cropFileName(article.hero), article.hero]));
  return heroes;
}

export function generateStaticParams() {
  const files = [...heroesByCropFile().keys()];
  return (Object.keys(CROP_RATIOS) as CropRatio[]).flatMap((ratio) => files.map((file) => ({ ratio, file })));
}

export async function GET(_request: Request, { params }: RouteContext<'/crops/[ratio]/[file]'>) {
  const { ratio, file } = await params;
  const photo = heroesByCropFile().get(file);
  if (!photo || !isCropRatio(ratio)) return new Response('Not found', { status: 404 });
  const { region, width, height } = cropGeometry(photo, ratio);
  const image = await sharp(photoFile(photo.src))
    .extract(region)
    .resize(width, height, { fit: 'cover' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return new Response(new Uint8Array(image), { headers: { 'Content-Type': 'image/jpeg' } });
}
