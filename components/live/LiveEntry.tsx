import { ArticleBody } from '@/components/ArticleBody';
import { Byline } from '@/components/Byline';
import { CaptionedPhoto } from '@/components/CaptionedPhoto';
import { Corrections } from '@/components/Corrections';
import type { Author, LiveEntry as Entry } from '@/lib/content/types';
import { formatDateTime } from '@/lib/dates';
import { entryAnchor } from '@/lib/live-blog';

export interface LiveEntryProps {
  entry: Entry;
  /** Who wrote it: the entry's authors, or the story's. */
  authors: Author[];
  /** The entry's permalink. */
  permalink: string;
  /** Marked as new since the reader's last visit ("Show new updates"). */
  fresh?: boolean;
  /** Shown in the pinned slot rather than in the stream (no anchor id: the stream has it). */
  pinnedSlot?: boolean;
}

/**
 * One update of a live blog: time, title, authors, photo with caption and credit, body and
 * corrections. The same markup on the blog, its archive pages, the permalink, and in the update
 * JSON that open pages insert, so an entry looks the same however it arrived.
 */
export function LiveEntry({ entry, authors, permalink, fresh = false, pinnedSlot = false }: LiveEntryProps) {
  const classes = ['live-entry', entry.key && 'live-entry--key', fresh && 'live-entry--new', entry.status === 'draft' && 'live-entry--draft'].filter(Boolean).join(' ');
  return (
    <article className={classes} id={pinnedSlot ? undefined : entryAnchor(entry.id)} data-entry={entry.id} data-revision={entry.revision}>
      <header className="live-entry__header">
        <a className="live-entry__time" href={permalink}>
          <time dateTime={entry.posted}>{formatDateTime(entry.posted)}</time>
        </a>
        {entry.key && <span className="live-entry__flag">Key event</span>}
        {entry.status === 'draft' && <span className="live-entry__flag">Draft</span>}
        {fresh && <span className="live-entry__flag">New</span>}
        {entry.title && <h2 className="live-entry__title">{entry.title}</h2>}
      </header>
      <Byline authors={authors} />
      {entry.photo && <CaptionedPhoto photo={entry.photo} sizes="(min-width: 64rem) 46rem, 100vw" />}
      <ArticleBody markdown={entry.body} />
      <Corrections corrections={entry.corrections} />
    </article>
  );
}
