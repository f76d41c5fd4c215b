import { liveContent } from '@/lib/content/live';
import { privateJson, refuseWithoutToken } from '@/lib/http/secrets';

export const dynamic = 'force-dynamic';

/** The live content version and the problems of the last refused change, for editors and monitoring. */
export function GET(request: Request) {
  return refuseWithoutToken(request, 'PUBLISH_TOKEN') ?? privateJson(liveContent().status());
}
