import { notFound } from 'next/navigation';
import { ArticleHeader } from '@/components/ArticleHeader';
import { ArticleBody } from '@/components/ArticleBody';
import { ArticleStructuredData } from '@/components/ArticleStructuredData';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { Gallery } from '@/components/Gallery';
import { RelatedStories } from '@/components/RelatedStories';
import { ShareButtons } from '@/components/ShareButtons';
import { TagList } from '@/components/TagList';
import { WireAttribution } from '@/components/WireAttribution';
import { getArticleView, prerenderedArticleParams, sectionNames } from '@/lib/article-view';
import { absoluteUrl } from '@/lib/config';
import { getContent } from '@/lib/content/repository';
import { articleMetadata } from '@/lib/metadata';

// Articles beyond the newest PRERENDERED_ARTICLES render on first request, then stay cached;
// unknown slugs still get notFound() below.
export const dynamicParams = true;

export function generateStaticParams() {
  return prerenderedArticleParams();
}

export async function generateMetadata({ params }: PageProps<'/[section]/[slug]'>) {
  const { section, slug } = await params;
  const view = getArticleView(section, slug);
  return view ? articleMetadata(view) : {};
}

export default async function ArticlePage({ params }: PageProps<'/[section]/[slug]'>) {
  const { section: sectionSlug, slug } = await params;
  const view = getArticleView(sectionSlug, slug);
  if (!view) notFound();
  const { article, section, authors } = view;
  return (
    <div className="article-layout">
      <ArticleStructuredData view={view} />
      <article className="article">
        <ArticleHeader article={article} section={section} authors={authors} />
        <div className="article__hero">
          <CaptionedPhoto photo={article.hero} sizes="(min-width: 64rem) 46rem, 100vw" preload />
        </div>
        <ArticleBody markdown={article.body} />
        {article.syndication && <WireAttribution syndication={article.syndication} />}
        <Gallery article={article} />
        <TagList tags={article.tags} />
        <ShareButtons page={{ url: absoluteUrl(article.path), title: article.headline }} />
      </article>
      <RelatedStories stories={getContent().related(article)} sectionNames={sectionNames()} />
    </div>
  );
}
