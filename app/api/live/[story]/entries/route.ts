import { saveEntry } from '@/lib/http/live-entries';
import { refuseWithoutToken } from '@/lib/http/secrets';

/**
 * POST a live blog entry as JSON (`body` Markdown; `id`, `title`, `posted`, `authors`, `key`,
 * `pinned`, `photo` optional) with `Authorization: Bearer $PUBLISH_TOKEN`: 201 `{ id, url }`,
 * 400 `{ problems: ["field: problem"] }`, 404 for no such story, 409 for an id already used.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request, { params }: RouteContext<'/api/live/[story]/entries'>): Promise<Response> {
  const refused = refuseWithoutToken(request, 'PUBLISH_TOKEN');
  if (refused) return refused;
  return saveEntry(request, (await params).story);
}
