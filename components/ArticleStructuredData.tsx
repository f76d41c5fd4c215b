import type { ArticleView } from '@/lib/article-view';
import { articleCard } from '@/lib/seo/article-card';
import { articleBreadcrumbs, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { JsonLd } from './JsonLd';

/** NewsArticle and BreadcrumbList for an article page. */
export function ArticleStructuredData({ view }: { view: ArticleView }) {
  return (
    <>
      <JsonLd data={newsArticleJsonLd({ ...view, card: articleCard(view.article, view.section.name) })} />
      <JsonLd data={articleBreadcrumbs(view)} />
    </>
  );
}
