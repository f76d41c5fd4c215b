import { draftMode } from 'next/headers';
import { secretMatches } from '@/lib/http/secrets';

export const dynamic = 'force-dynamic';

/** Only a path on this site: "//host" or "/\host" would send the editor elsewhere. */
const SITE_PATH = /^\/(?![/\\])[^\s]*$/;

/**
 * An editor's preview link: `/api/preview?secret=$PREVIEW_SECRET&path=/section/slug` turns on
 * Next's draft mode (a cookie) and opens the story, draft or embargoed. Off while PREVIEW_SECRET is unset.
 */
export async function GET(request: Request) {
  const expected = process.env.PREVIEW_SECRET;
  const noStore = { 'Cache-Control': 'private, no-store' };
  if (!expected) return new Response('Not found\n', { status: 404, headers: noStore });
  const url = new URL(request.url);
  if (!secretMatches(url.searchParams.get('secret'), expected)) return new Response('Unauthorized\n', { status: 401, headers: noStore });
  const path = url.searchParams.get('path') ?? '/';
  if (!SITE_PATH.test(path)) return new Response('path must be a path on this site, e.g. /world/some-story\n', { status: 400, headers: noStore });
  (await draftMode()).enable();
  return new Response(null, { status: 307, headers: { ...noStore, Location: path } });
}
