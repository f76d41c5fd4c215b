import { getArticleView, prerenderedArticleParams } from '@/lib/article-view';
import { cardImage } from '@/lib/og/card-image';
import { articleCard } from '@/lib/og/page-cards';
import { cardResponse } from '@/lib/og/cards';

/** The article's share card: brand, section, headline and hero photo with its credit. */

export const { size, contentType } = cardImage;
// Like the article pages: the newest cards are drawn at build, older ones on first request.
export const dynamicParams = true;

/** Without this the image route stays dynamic even where its page is static (NOTES-next16). */
export function generateStaticParams() {
  return prerenderedArticleParams();
}

export default async function ArticleCardImage({ params }: { params: Promise<{ section: string; slug: string }> }) {
  const { section, slug } = await params;
  const view = getArticleView(section, slug);
  if (!view) return new Response('Not found', { status: 404 });
  return cardResponse(articleCard(view.article, view.section.name).spec);
}
