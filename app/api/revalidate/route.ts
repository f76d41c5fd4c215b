import { liveContent } from '@/lib/content/live';
import { privateJson, refuseWithoutToken } from '@/lib/http/secrets';

export const dynamic = 'force-dynamic';

/**
 * The publishing webhook: any CMS or script that changed the content asks the site to read it
 * now instead of waiting for the file watcher. Answers with the live version and any problems
 * (a refused change keeps the previous version: 422).
 */
export async function POST(request: Request) {
  const refused = refuseWithoutToken(request, 'PUBLISH_TOKEN');
  if (refused) return refused;
  const status = await liveContent().refresh({ force: true });
  return privateJson(status, status.problems.length ? 422 : 200);
}
