import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BlogPager } from '@/components/live/BlogPager';
import { LiveEntryList } from '@/components/live/LiveEntryList';
import { LiveStatus } from '@/components/live/LiveStatus';
import { PreviewBanner } from '@/components/PreviewBanner';
import { blogArchivePath, blogPageNumber } from '@/lib/live-blog';
import { requestedLiveBlog } from '@/lib/live-blog-view';
import { pageMetadata } from '@/lib/metadata';
import { articleCard } from '@/lib/og/page-cards';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[section]/[slug]/page/[number]'>;

/** An archive page of a live blog and its entries, or undefined for a page that is not there (404). */
async function findArchivePage(params: Props['params']) {
  const { section, slug, number } = await params;
  const found = await requestedLiveBlog(section, slug);
  const page = blogPageNumber(number);
  const entries = found && page !== undefined ? found.view.pages.archivePage(page) : undefined;
  return found && entries && { ...found, page: page!, entries };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await findArchivePage(params);
  if (!found) return {};
  const { view, page, preview } = found;
  const { article, section, blog } = view;
  const metadata = pageMetadata({
    title: `${article.headline}: earlier updates (page ${page} of ${view.pages.archivePages})`,
    description: article.standfirst,
    path: blogArchivePath(article, page),
    card: articleCard(article, section.name, blog),
  });
  return preview ? { ...metadata, robots: { index: false, follow: false } } : metadata;
}

/**
 * Older entries of a live blog, a full page of them, counted from the start of the coverage: the
 * URL shows the same entries however many arrive later.
 */
export default async function LiveBlogArchivePage({ params }: Props) {
  const found = await findArchivePage(params);
  if (!found) notFound();
  const { view, page, entries, preview } = found;
  const { article, blog, pages } = view;
  return (
    <div className="article-layout">
      {preview && <PreviewBanner article={article} />}
      <article className="article live-blog">
        <header className="article-header">
          <p className="live-archive__context">
            <a href={article.path}>Back to the live blog</a>
          </p>
          <h1 className="article-header__headline">{article.headline}</h1>
          <p className="article-header__standfirst">
            Earlier updates, page {page} of {pages.archivePages}
          </p>
          <LiveStatus article={article} blog={blog} />
        </header>
        <LiveEntryList view={view} entries={entries} />
        <BlogPager article={article} page={page} archivePages={pages.archivePages} />
      </article>
    </div>
  );
}
