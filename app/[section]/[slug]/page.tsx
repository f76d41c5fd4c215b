import type { Metadata } from 'next';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleHeader } from '@/components/ArticleHeader';
import { ArticleBody } from '@/components/ArticleBody';
import { ArticleStructuredData } from '@/components/ArticleStructuredData';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { Gallery } from '@/components/Gallery';
import { PreviewBanner } from '@/components/PreviewBanner';
import { RelatedStories } from '@/components/RelatedStories';
import { ShareButtons } from '@/components/ShareButtons';
import { TagList } from '@/components/TagList';
import { WireAttribution } from '@/components/WireAttribution';
import { WithdrawnNotice } from '@/components/WithdrawnNotice';
import { LiveEntries, LIVE_ENTRIES_ID } from '@/components/live/LiveEntries';
import { Liveness } from '@/components/live/Liveness.island';
import { getArticleView, getPreviewView, sectionNames, type ArticleView } from '@/lib/article-view';
import { absoluteUrl } from '@/lib/config';
import { getContent } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { articleMetadata } from '@/lib/metadata';
import { blogPages, entriesJsonPath } from '@/lib/live-blog';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[section]/[slug]'>;

type Resolved = { kind: 'withdrawn'; article: Article } | { kind: 'story'; preview: boolean; view: ArticleView | undefined };

/** What the URL shows: a preview (draft mode), a withdrawn story's notice, or the public story. */
async function resolve(params: Props['params']): Promise<Resolved> {
  const { section, slug } = await params;
  if ((await draftMode()).isEnabled) return { kind: 'story', preview: true, view: getPreviewView(section, slug) };
  const withdrawn = getContent().withdrawn(`/${section}/${slug}`);
  if (withdrawn) return { kind: 'withdrawn', article: withdrawn };
  return { kind: 'story', preview: false, view: getArticleView(section, slug) };
}

const NOINDEX = { robots: { index: false, follow: false } } satisfies Metadata;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (found.kind === 'withdrawn') return { title: 'Story withdrawn', ...NOINDEX };
  if (!found.view) return {};
  return found.preview ? { ...articleMetadata(found.view), title: `Preview: ${found.view.article.headline}`, ...NOINDEX } : articleMetadata(found.view);
}

export default async function ArticlePage({ params }: Props) {
  const found = await resolve(params);
  // The production server sends this notice with 410 Gone.
  if (found.kind === 'withdrawn') return <WithdrawnNotice article={found.article} />;
  const { view, preview } = found;
  if (!view) notFound();
  const { article, section, authors } = view;
  const blog = getContent().liveBlog(article, { drafts: preview });
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
        <ArticleBody markdown={article.body} />
        {/* live-updates: the island and a minimal entries list; blog-pages' rendering replaces LiveEntries on merge. */}
        {blog && !blog.ended && !preview && <Liveness updatesUrl={entriesJsonPath(article)} entriesId={LIVE_ENTRIES_ID} />}
        {blog && <LiveEntries article={article} entries={blogPages(blog).current} />}
        {article.syndication && <WireAttribution syndication={article.syndication} />}
        <Gallery article={article} />
        <TagList tags={article.tags} />
        {!preview && <ShareButtons page={{ url: absoluteUrl(article.path), title: article.headline }} />}
      </article>
      <RelatedStories stories={getContent().related(article)} sectionNames={sectionNames()} />
    </div>
  );
}
