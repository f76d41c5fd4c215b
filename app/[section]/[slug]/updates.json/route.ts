import { createElement } from 'react';
import { LiveEntry } from '@/components/live/LiveEntry';
import { getContent } from '@/lib/content/repository';
import { entryAuthors, entryPath } from '@/lib/live-blog';
import { liveUpdates } from '@/lib/live-updates';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/**
 * react-dom/server, loaded by Node rather than bundled: a route handler is built for React's
 * server-components layer, where react-dom/server is refused (its "react-server" export throws).
 * LiveEntry uses no hooks or context, so its elements render to the same markup either way.
 */
const server = import(/* turbopackIgnore: true */ /* webpackIgnore: true */ 'react-dom/server');

export async function GET(_request: Request, { params }: RouteContext<'/[section]/[slug]/updates.json'>) {
  const { section, slug } = await params;
  const content = getContent();
  const article = content.article(section, slug);
  const blog = article && content.liveBlog(article);
  if (!article || !blog) return new Response('Not found', { status: 404 });
  const { renderToStaticMarkup } = await server;
  const updates = liveUpdates(blog, (entry) => {
    const authors = entryAuthors(entry, article).flatMap((id) => content.author(id) ?? []);
    return renderToStaticMarkup(createElement(LiveEntry, { entry, authors, permalink: entryPath(article, entry.id) }));
  });
  // Cache-Control: LIVE_UPDATES_CACHE_CONTROL, from next.config.ts's header rules (they override a route's own).
  return Response.json(updates);
}
