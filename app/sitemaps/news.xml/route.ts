import { newsSitemapEntries } from '@/lib/seo/site-content';
import { newsSitemapXml, SITEMAP_CONTENT_TYPE } from '@/lib/seo/sitemaps';

export const dynamic = 'force-static';

export function GET() {
  return new Response(newsSitemapXml(newsSitemapEntries()), { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}
