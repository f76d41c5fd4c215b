import { cardImage } from '@/lib/og/card-image';
import { cardResponse } from '@/lib/og/cards';
import { entryCard } from '@/lib/og/page-cards';
import { getContent } from '@/lib/content/repository';
import { findEntry, liveBlogView } from '@/lib/live-blog-view';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** An entry's own share card: its title (or the blog's headline), its time, its photo or the blog's hero. */

export const { size, contentType } = cardImage;

export default async function LiveEntryCardImage({ params }: { params: Promise<{ section: string; slug: string; entry: string }> }) {
  const { section, slug, entry: id } = await params;
  const article = getContent().article(section, slug);
  const view = article && liveBlogView(article);
  const entry = view && findEntry(view, id);
  if (!view || !entry) return new Response('Not found', { status: 404 });
  return cardResponse(entryCard(view.article, view.section.name, entry).spec);
}
