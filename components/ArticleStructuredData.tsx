import type { ArticleView } from '@/lib/article-view';
import type { LiveBlogView } from '@/lib/live-blog-view';
import { absoluteCardImage } from '@/lib/og/card-image';
import { articleCard } from '@/lib/og/page-cards';
import { articleBreadcrumbs, liveBlogPostingJsonLd, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { JsonLd } from './JsonLd';

/** NewsArticle (LiveBlogPosting for a live blog, with its newest entries) and BreadcrumbList for an article page. */
export function ArticleStructuredData({ view, live }: { view: ArticleView; live?: LiveBlogView }) {
  const input = { ...view, card: absoluteCardImage(articleCard(view.article, view.section.name, live?.blog)) };
  return (
    <>
      <JsonLd data={live ? liveBlogPostingJsonLd({ ...input, entries: live.blog.entries, authorsOf: live.authorsOf }) : newsArticleJsonLd(input)} />
      <JsonLd data={articleBreadcrumbs(view)} />
    </>
  );
}
