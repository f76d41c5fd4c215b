import { pageSitemapUrls } from '@/lib/seo/site-content';
import { sitemapResponse, urlsetXml } from '@/lib/seo/sitemaps';

export const dynamic = 'force-static';

export function GET() {
  return sitemapResponse(urlsetXml(pageSitemapUrls()));
}
