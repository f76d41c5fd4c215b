import type { ArticleView } from '@/lib/article-view';
import { absoluteCardImage } from '@/lib/og/card-image';
import { articleCard } from '@/lib/og/page-cards';
import { articleBreadcrumbs, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { JsonLd } from './JsonLd';

/** NewsArticle and BreadcrumbList for an article page. */
export function ArticleStructuredData({ view }: { view: ArticleView }) {
  return (
    <>
      <JsonLd data={newsArticleJsonLd({ ...view, card: absoluteCardImage(articleCard(view.article, view.section.name)) })} />
      <JsonLd data={articleBreadcrumbs(view)} />
    </>
  );
}
