import fs from 'node:fs/promises';
import { photoContentType, photoFile } from '@/lib/content/photos';

// Photos arrive with stories at run time (editors, the wire importer), so they are served from
// the photos folder rather than from public/, which Next only knows as it was at build.
export const dynamic = 'force-dynamic';

/** A photo file never changes in place (a new photo gets a new name): a month is safe. */
const PHOTO_CACHE_CONTROL = 'public, max-age=2592000';

export async function GET(_request: Request, { params }: RouteContext<'/photos/[file]'>) {
  const src = `/photos/${(await params).file}`;
  const type = photoContentType(src);
  if (!type) return new Response('Not found', { status: 404 });
  try {
    const bytes = await fs.readFile(photoFile(src));
    return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': type, 'Cache-Control': PHOTO_CACHE_CONTROL } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
