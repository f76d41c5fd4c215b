import { pageSitemapUrls } from '@/lib/seo/site-content';
import { SITEMAP_CONTENT_TYPE, urlsetXml } from '@/lib/seo/sitemaps';

export const dynamic = 'force-static';

export function GET() {
  return new Response(urlsetXml(pageSitemapUrls()), { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}
