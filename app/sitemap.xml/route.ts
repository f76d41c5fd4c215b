import { sitemapIndexEntries } from '@/lib/seo/site-content';
import { sitemapIndexXml, sitemapResponse } from '@/lib/seo/sitemaps';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export async function GET() {
  return sitemapResponse(sitemapIndexXml(await sitemapIndexEntries()));
}
