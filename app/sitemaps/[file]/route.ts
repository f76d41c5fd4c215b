import { articleSitemapResponse } from '@/lib/seo/site-content';
import { articleSitemapPartOf } from '@/lib/seo/sitemaps';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/**
 * Later parts of the articles sitemap, /sitemaps/articles-N.xml (N >= 2); anything else is 404.
 * pages.xml, articles.xml and news.xml have their own folders, and a static segment wins.
 */
export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[file]'>) {
  return articleSitemapResponse(articleSitemapPartOf(`/sitemaps/${(await params).file}`));
}
