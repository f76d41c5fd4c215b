import type { LiveEntry as Entry } from '@/lib/content/types';
import { entryPath } from '@/lib/live-blog';
import type { LiveBlogView } from '@/lib/live-blog-view';
import { LiveEntry } from './LiveEntry';

export interface LiveEntryListProps {
  view: LiveBlogView;
  entries: Entry[];
  /** How many entries at the top are new since the reader's last look ("Show new updates"). */
  freshCount?: number;
}

/** A stretch of the blog's entries, newest first: where open pages insert new ones too. */
export function LiveEntryList({ view, entries, freshCount = 0 }: LiveEntryListProps) {
  return (
    <div className="live-entries" data-live-entries="">
      {entries.map((entry, i) => (
        <LiveEntry key={entry.id} entry={entry} authors={view.authorsOf(entry)} permalink={entryPath(view.article, entry.id)} fresh={i < freshCount} />
      ))}
    </div>
  );
}
