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

/** Where the Liveness island finds the entries it keeps current (each a direct child keyed by data-entry). */
export const LIVE_ENTRIES_ID = 'live-entries';

/** A stretch of the blog's entries, newest first: where open pages insert new ones too. */
export function LiveEntryList({ view, entries, freshCount = 0 }: LiveEntryListProps) {
  return (
    <div className="live-entries" id={LIVE_ENTRIES_ID} data-live-entries="">
      {entries.map((entry, i) => (
        <LiveEntry key={entry.id} entry={entry} authors={view.authorsOf(entry)} permalink={entryPath(view.article, entry.id)} fresh={i < freshCount} />
      ))}
    </div>
  );
}
