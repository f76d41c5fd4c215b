import { draftMode } from 'next/headers';

export const dynamic = 'force-dynamic';

/** Leaves preview: the draft-mode cookie is cleared and the editor lands on the front page. */
export async function GET() {
  (await draftMode()).disable();
  return new Response(null, { status: 307, headers: { 'Cache-Control': 'private, no-store', Location: '/' } });
}
