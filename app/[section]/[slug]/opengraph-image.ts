import { getArticleView } from '@/lib/article-view';
import { getContent } from '@/lib/content/repository';
import { cardImage } from '@/lib/og/card-image';
import { articleCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

/** The article's share card: brand, section, headline and hero photo with its credit; a live blog's says "Live" and its latest update. */

export const { size, contentType } = cardImage;

export default async function ArticleCardImage({ params }: { params: Promise<{ section: string; slug: string }> }) {
  const { section, slug } = await params;
  const view = getArticleView(section, slug);
  if (!view) return new Response('Not found', { status: 404 });
  return cardResponse(articleCard(view.article, view.section.name, getContent().liveBlog(view.article)).spec);
}
