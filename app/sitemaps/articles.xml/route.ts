import { articleSitemapResponse } from '@/lib/seo/site-content';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** The first part of the articles sitemap: its oldest stories (see lib/seo/sitemaps.ts). */
export function GET() {
  return articleSitemapResponse(1);
}
