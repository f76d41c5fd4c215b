import { deleteEntry, saveEntry } from '@/lib/http/live-entries';
import { refuseWithoutToken } from '@/lib/http/secrets';

/**
 * PUT replaces a live blog entry (200; 201 when there was none), with the fields of a POST;
 * without `posted` it keeps the replaced entry's. DELETE marks it `status: deleted`: its
 * permalink answers 410 and open pages drop it. Both need `Authorization: Bearer $PUBLISH_TOKEN`.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = RouteContext<'/api/live/[story]/entries/[id]'>;

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  const refused = refuseWithoutToken(request, 'PUBLISH_TOKEN');
  if (refused) return refused;
  const { story, id } = await params;
  return saveEntry(request, story, id);
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const refused = refuseWithoutToken(request, 'PUBLISH_TOKEN');
  if (refused) return refused;
  const { story, id } = await params;
  return deleteEntry(story, id);
}
