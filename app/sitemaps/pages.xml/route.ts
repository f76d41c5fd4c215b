import { pageSitemapUrls } from '@/lib/seo/site-content';
import { sitemapResponse, urlsetXml } from '@/lib/seo/sitemaps';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export async function GET() {
  return sitemapResponse(urlsetXml(await pageSitemapUrls()));
}
