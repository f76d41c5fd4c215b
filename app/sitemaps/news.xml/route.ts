import { newsSitemapEntries } from '@/lib/seo/site-content';
import { newsSitemapXml, sitemapResponse } from '@/lib/seo/sitemaps';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

export async function GET() {
  const entries = await newsSitemapEntries();
  // No story of the last two days: no sitemap (an empty urlset is invalid), and the index omits it.
  if (!entries.length) return new Response('No recent stories', { status: 404 });
  return sitemapResponse(newsSitemapXml(entries));
}
