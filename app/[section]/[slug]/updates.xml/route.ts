import { getContent } from '@/lib/content/repository';
import { liveBlogView } from '@/lib/live-blog-view';
import { FEED_CONTENT_TYPES } from '@/lib/seo/discovery';
import { renderEntriesFeed } from '@/lib/seo/feeds';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** The Atom feed of a live blog's entries; 404 for a story that is not a live blog. */
export async function GET(_request: Request, { params }: RouteContext<'/[section]/[slug]/updates.xml'>) {
  const { section, slug } = await params;
  const article = getContent().article(section, slug);
  const view = article && liveBlogView(article);
  if (!view) return new Response('Not found', { status: 404 });
  return new Response(renderEntriesFeed({ article: view.article, entries: view.blog.entries, authorsOf: view.authorsOf }), {
    headers: { 'Content-Type': `${FEED_CONTENT_TYPES.atom}; charset=utf-8` },
  });
}
