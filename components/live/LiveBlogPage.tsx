import { StoryBody } from '@/components/StoryBody';
import { ArticleHeader } from '@/components/ArticleHeader';
import { ArticleStructuredData } from '@/components/ArticleStructuredData';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { PreviewBanner } from '@/components/PreviewBanner';
import { StoryRelated } from '@/components/StoryRelated';
import { ShareButtons } from '@/components/ShareButtons';
import { TagList } from '@/components/TagList';
import { sectionNames } from '@/lib/article-view';
import { absoluteUrl } from '@/lib/config';
import { entriesJsonPath, entryAnchor, entryLocation, entryPath, NEW_UPDATES_ANCHOR, showNewUpdatesPath, type FreshSince } from '@/lib/live-blog';
import type { LiveBlogView } from '@/lib/live-blog-view';
import { BlogPager } from './BlogPager';
import { KeyEvents } from './KeyEvents';
import { LiveEntry } from './LiveEntry';
import { LIVE_ENTRIES_ID, LiveEntryList } from './LiveEntryList';
import { Liveness } from './Liveness.island';
import { LiveStatus } from './LiveStatus';

/** Where the live-updates island mounts (components/live/Liveness.island.tsx): before the entries. */
export const LIVE_UPDATES_SLOT_ID = 'live-updates-slot';

export interface LiveBlogPageProps {
  view: LiveBlogView;
  preview: boolean;
  /** What a "Show new updates" reload (`?since=`) marks as new. */
  fresh?: FreshSince;
}

/**
 * A live blog's own page, complete without JavaScript: header, status, the story body as the
 * blog's summary, key events, the pinned entry, the newest entries, links to older ones on
 * archive pages, and a plain "Show new updates" link that reloads it marking what is new.
 */
export function LiveBlogPage({ view, preview, fresh }: LiveBlogPageProps) {
  const { article, section, authors, blog, pages } = view;
  const { current } = pages;
  const onThisPage = new Set(current.map((entry) => entry.id));
  const newest = current[0];
  return (
    <div className="article-layout">
      {preview && <PreviewBanner article={article} />}
      {!preview && <ArticleStructuredData view={view} live={view} />}
      <article className="article live-blog">
        <ArticleHeader article={article} section={section} authors={authors} />
        <LiveStatus article={article} blog={blog} />
        {article.hero && (
          <div className="article__hero">
            <CaptionedPhoto photo={article.hero} sizes="(min-width: 64rem) 46rem, 100vw" preload />
          </div>
        )}
        <StoryBody article={article} />
        <KeyEvents
          entries={blog.keyEvents}
          hrefOf={(entry) => (onThisPage.has(entry.id) ? `#${entryAnchor(entry.id)}` : (entryLocation(article, pages, entry.id) ?? entryPath(article, entry.id)))}
        />
        {blog.pinned && (
          // Not a labelled <section>: that is a region landmark, and an entry's corrections (an <aside>) may not sit in one.
          <div className="live-pinned">
            <h2 className="live-pinned__heading">
              Pinned
            </h2>
            <LiveEntry entry={blog.pinned} authors={view.authorsOf(blog.pinned)} permalink={entryPath(article, blog.pinned.id)} pinnedSlot />
          </div>
        )}
        <div className="live-stream">
          <h2 className="live-stream__heading">
            Updates
          </h2>
          {!blog.ended && !preview && (
            <div id={LIVE_UPDATES_SLOT_ID} className="live-updates-slot" data-updates-url={entriesJsonPath(article)} data-newest={newest?.id}>
              <Liveness updatesUrl={entriesJsonPath(article)} entriesId={LIVE_ENTRIES_ID} />
              <a className="live-updates-slot__link" href={newest ? showNewUpdatesPath(article, newest.id) : article.path}>
                Show new updates
              </a>
            </div>
          )}
          {fresh && (
            <p id={NEW_UPDATES_ANCHOR} className="live-new-count" role="status">
              {fresh.count === 0 ? 'No new updates' : fresh.count === 1 ? '1 new update' : `${fresh.count} new updates`} since your last look
            </p>
          )}
          {!current.length && <p className="live-stream__empty">No updates yet.</p>}
          <LiveEntryList view={view} entries={current} freshCount={fresh?.count} />
          <BlogPager article={article} page={0} archivePages={pages.archivePages} />
        </div>
        <TagList tags={article.tags} />
        {!preview && <ShareButtons page={{ url: absoluteUrl(article.path), title: article.headline }} />}
      </article>
      <StoryRelated article={article} sectionNames={sectionNames()} />
    </div>
  );
}
