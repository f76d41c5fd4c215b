import { notFound } from 'next/navigation';
import { ArticleHeader } from '@/components/ArticleHeader';
import { ArticleBody } from '@/components/ArticleBody';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { Gallery } from '@/components/Gallery';
import { RelatedStories } from '@/components/RelatedStories';
import { TagList } from '@/components/TagList';
import { WireAttribution } from '@/components/WireAttribution';
import { articleParams, getArticleView, sectionNames } from '@/lib/article-view';
import { getContent } from '@/lib/content/repository';
import { pageMetadata } from '@/lib/metadata';

export const dynamicParams = false;

export function generateStaticParams() {
  return articleParams();
}

export async function generateMetadata({ params }: PageProps<'/[section]/[slug]'>) {
  const { section, slug } = await params;
  const view = getArticleView(section, slug);
  if (!view) return {};
  return pageMetadata({ title: view.article.headline, description: view.article.standfirst, path: view.article.path });
}

export default async function ArticlePage({ params }: PageProps<'/[section]/[slug]'>) {
  const { section: sectionSlug, slug } = await params;
  const view = getArticleView(sectionSlug, slug);
  if (!view) notFound();
  const { article, section, authors } = view;
  return (
    <div className="article-layout">
      <article className="article">
        <ArticleHeader article={article} section={section} authors={authors} />
        <div className="article__hero">
          <CaptionedPhoto photo={article.hero} sizes="(min-width: 64rem) 46rem, 100vw" preload />
        </div>
        <ArticleBody markdown={article.body} />
        {article.syndication && <WireAttribution syndication={article.syndication} />}
        <Gallery article={article} />
        <TagList tags={article.tags} />
      </article>
      <RelatedStories stories={getContent().related(article)} sectionNames={sectionNames()} />
    </div>
  );
}
