import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JsonLd } from '@/components/JsonLd';
import { LiveEntry } from '@/components/live/LiveEntry';
import { LiveStatus } from '@/components/live/LiveStatus';
import { PreviewBanner } from '@/components/PreviewBanner';
import { absoluteUrl } from '@/lib/config';
import { entriesFeedPath, entryAnchor, entryHeadline, entryLocation, entryModified, entryPath, entryText } from '@/lib/live-blog';
import { findEntry, requestedLiveBlog } from '@/lib/live-blog-view';
import { pageMetadata } from '@/lib/metadata';
import { absoluteCardImage } from '@/lib/og/card-image';
import { entryCard } from '@/lib/og/page-cards';
import { entryJsonLd } from '@/lib/seo/json-ld';
import { truncateText } from '@/lib/og/text';

// Rendered from the live content version on each request; the production server caches per version.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[section]/[slug]/updates/[entry]'>;

const NOINDEX = { robots: { index: false, follow: false } } satisfies Metadata;

/** The entry at the URL (a draft only in a preview), a deleted one's notice, or nothing (404). */
async function resolve(params: Props['params']) {
  const { section, slug, entry: id } = await params;
  const found = await requestedLiveBlog(section, slug);
  if (!found) return undefined;
  const entry = findEntry(found.view, id);
  if (entry) return { kind: 'entry' as const, ...found, entry };
  if (found.view.blog.deleted.some((deleted) => deleted.id === id)) return { kind: 'removed' as const, ...found };
  return undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (!found) return {};
  if (found.kind === 'removed') return { title: 'This update was removed', ...NOINDEX };
  const { view, entry, preview } = found;
  const { article, section } = view;
  const metadata = pageMetadata({
    title: entryHeadline(entry, article),
    description: truncateText(entryText(entry), 200) || article.standfirst,
    path: entryPath(article, entry.id),
    card: entryCard(article, section.name, entry),
    feedSection: { path: `/${section.slug}`, name: section.name },
    entriesFeed: { url: entriesFeedPath(article), title: `${article.headline}: updates (Atom)` },
    article: {
      publishedTime: entry.posted,
      modifiedTime: entryModified(entry),
      section: section.name,
      tags: article.tags.map((tag) => tag.name),
      authors: view.authorsOf(entry).map((author) => absoluteUrl(author.path)),
    },
  });
  return preview ? { ...metadata, ...NOINDEX } : metadata;
}

/**
 * One update of a live blog on a page of its own, to share or cite: the entry, the blog it is
 * from, and a link to it in the blog. A deleted entry's URL shows a short notice, which the
 * production server sends with 410 Gone.
 */
export default async function LiveEntryPage({ params }: Props) {
  const found = await resolve(params);
  if (!found) notFound();
  const { view, preview } = found;
  const { article, blog, pages } = view;
  if (found.kind === 'removed') {
    return (
      <div className="withdrawn-notice">
        <h1>This update was removed</h1>
        <p>
          It is no longer part of <a href={article.path}>{article.headline}</a>.
        </p>
      </div>
    );
  }
  const { entry } = found;
  const authors = view.authorsOf(entry);
  const inBlog = entryLocation(article, pages, entry.id) ?? `${article.path}#${entryAnchor(entry.id)}`;
  return (
    <div className="article-layout">
      {preview && <PreviewBanner article={article} />}
      {!preview && <JsonLd data={entryJsonLd({ article, entry, authors, card: absoluteCardImage(entryCard(article, view.section.name, entry)) })} />}
      <div className="article live-permalink">
        <header className="live-permalink__context">
          <p className="live-permalink__kicker">An update from the live blog</p>
          <h1 className="live-permalink__blog">
            <a href={article.path}>{article.headline}</a>
          </h1>
          <LiveStatus article={article} blog={blog} />
        </header>
        <LiveEntry entry={entry} authors={authors} permalink={entryPath(article, entry.id)} />
        <p className="live-permalink__back">
          <a href={inBlog}>See this update in the live blog</a>
        </p>
      </div>
    </div>
  );
}
