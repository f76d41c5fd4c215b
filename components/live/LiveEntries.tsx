import { getContent } from '@/lib/content/repository';
import type { Article, LiveEntry as Entry } from '@/lib/content/types';
import { entryAuthors, entryPath } from '@/lib/live-blog';
import { LiveEntry } from './LiveEntry';

/** Where the Liveness island finds the entries it keeps current. */
export const LIVE_ENTRIES_ID = 'live-entries';

/**
 * The entries of a blog's page, newest first, each a direct child keyed by `data-entry`.
 * Minimal, for the island's tests: the blog page's full rendering (key events, pinned slot,
 * archive links) is the blog-pages branch's and replaces this on merge.
 */
export function LiveEntries({ article, entries }: { article: Article; entries: Entry[] }) {
  const content = getContent();
  return (
    <div className="live-entries" id={LIVE_ENTRIES_ID}>
      {entries.map((entry) => (
        <LiveEntry
          key={entry.id}
          entry={entry}
          authors={entryAuthors(entry, article).flatMap((id) => content.author(id) ?? [])}
          permalink={entryPath(article, entry.id)}
        />
      ))}
    </div>
  );
}
