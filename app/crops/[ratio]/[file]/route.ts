import path from 'node:path';
import sharp from 'sharp';
import { getContent } from '@/lib/content/repository';
import { CROP_RATIOS, cropFileName, cropGeometry, isCropRatio, type CropRatio } from '@/lib/seo/crops';

/** Hero crops for structured data, rendered once at build time. */
export const dynamic = 'force-static';
export const dynamicParams = false;

function heroesByCropFile() {
  return new Map(getContent().articles.map((article) => [cropFileName(article.hero), article.hero]));
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
  const image = await sharp(path.join(process.cwd(), 'public', photo.src))
    .extract(region)
    .resize(width, height, { fit: 'cover' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return new Response(new Uint8Array(image), { headers: { 'Content-Type': 'image/jpeg' } });
}
