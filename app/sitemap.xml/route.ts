import { sitemapIndexEntries } from '@/lib/seo/site-content';
import { SITEMAP_CONTENT_TYPE, sitemapIndexXml } from '@/lib/seo/sitemaps';

export const dynamic = 'force-static';

export function GET() {
  return new Response(sitemapIndexXml(sitemapIndexEntries()), { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}
