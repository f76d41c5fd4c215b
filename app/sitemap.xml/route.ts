import { sitemapIndexEntries } from '@/lib/seo/site-content';
import { sitemapIndexXml, sitemapResponse } from '@/lib/seo/sitemaps';

export const dynamic = 'force-static';

export function GET() {
  return sitemapResponse(sitemapIndexXml(sitemapIndexEntries()));
}
