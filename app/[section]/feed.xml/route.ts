import { feedResponse } from '@/lib/seo/site-content';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: RouteContext<'/[section]/feed.xml'>) {
  return feedResponse((await params).section, 'rss');
}
