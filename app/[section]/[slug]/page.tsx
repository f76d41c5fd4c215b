import type { Metadata } from 'next';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleHeader } from '@/components/ArticleHeader';
import { StoryBody } from '@/components/StoryBody';
import { ArticleStructuredData } from '@/components/ArticleStructuredData';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { Gallery } from '@/components/Gallery';
import { LiveBlogPage } from '@/components/live/LiveBlogPage';
import { PreviewBanner } from '@/components/PreviewBanner';
import { StoryRelated } from '@/components/StoryRelated';
import { ShareButtons } from '@/components/ShareButtons';
import { TagList } from '@/components/TagList';
import { WireAttribution } from '@/components/WireAttribution';
import { WithdrawnNotice } from '@/components/WithdrawnNotice';
import { getArticleView, getPreviewView, sectionNames, type ArticleView } from '@/lib/article-view';
import { absoluteUrl } from '@/lib/config';
import { getContent } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { freshSince, SINCE_PARAM } from '@/lib/live-blog';
import { liveBlogView, type LiveBlogView } from '@/lib/live-blog-view';
import { articleMetadata } from '@/lib/metadata';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[section]/[slug]'>;

type Resolved =
  | { kind: 'withdrawn'; article: Article }
  | { kind: 'story'; preview: boolean; view: ArticleView | undefined; live: LiveBlogView | undefined };

/** What the URL shows: a preview (draft mode), a withdrawn story's notice, or the public story (a live blog with its entries). */
async function resolve(params: Props['params']): Promise<Resolved> {
  const { section, slug } = await params;
  const preview = (await draftMode()).isEnabled;
  if (!preview) {
    const withdrawn = getContent().withdrawn(`/${section}/${slug}`);
    if (withdrawn) return { kind: 'withdrawn', article: withdrawn };
  }
  const view = preview ? getPreviewView(section, slug) : getArticleView(section, slug);
  // A preview shows the blog's drafts too, marked "Draft".
  return { kind: 'story', preview, view, live: view && liveBlogView(view.article, { drafts: preview }) };
}

const NOINDEX = { robots: { index: false, follow: false } } satisfies Metadata;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (found.kind === 'withdrawn') return { title: 'Story withdrawn', ...NOINDEX };
  if (!found.view) return {};
  const metadata = articleMetadata(found.view, found.live?.blog);
  return found.preview ? { ...metadata, title: `Preview: ${found.view.article.headline}`, ...NOINDEX } : metadata;
}

export default async function ArticlePage({ params, searchParams }: Props) {
  const found = await resolve(params);
  // The production server sends this notice with 410 Gone.
  if (found.kind === 'withdrawn') return <WithdrawnNotice article={found.article} />;
  const { view, preview, live } = found;
  if (!view) notFound();
  if (live) {
    // "Show new updates" without JavaScript: ?since=<the reader's newest entry> marks what came after it.
    const since = (await searchParams)[SINCE_PARAM];
    return <LiveBlogPage view={live} preview={preview} fresh={freshSince(live.blog, live.pages, typeof since === 'string' ? since : undefined)} />;
  }
  const { article, section, authors } = view;
  return (
    <div className="article-layout">
      {preview && <PreviewBanner article={article} />}
      {!preview && <ArticleStructuredData view={view} />}
      <article className="article">
        <ArticleHeader article={article} section={section} authors={authors} />
        {article.hero && (
          <div className="article__hero">
            <CaptionedPhoto photo={article.hero} sizes="(min-width: 64rem) 46rem, 100vw" preload />
          </div>
        )}
        {article.dateline && <p className="article__dateline">{article.dateline}</p>}
        <StoryBody article={article} />
        {article.syndication && <WireAttribution syndication={article.syndication} />}
        <Gallery article={article} />
        <TagList tags={article.tags} />
        {!preview && <ShareButtons page={{ url: absoluteUrl(article.path), title: article.headline }} />}
      </article>
      <StoryRelated article={article} sectionNames={sectionNames()} />
    </div>
  );
}
