import type { LiveEntry } from '@/lib/content/types';
import { formatDateTime } from '@/lib/dates';
import { truncateText } from '@/lib/og/text';
import { entryText } from '@/lib/live-blog';

export interface KeyEventsProps {
  entries: LiveEntry[];
  /** Where each is read: its anchor on this page, or its archive page and anchor. */
  hrefOf: (entry: LiveEntry) => string;
}

/** The blog's summary of key events, newest first, each linking to its entry. */
export function KeyEvents({ entries, hrefOf }: KeyEventsProps) {
  if (!entries.length) return null;
  return (
    <nav className="key-events" aria-labelledby="key-events-heading">
      <h2 id="key-events-heading" className="key-events__heading">
        Key events
      </h2>
      <ol className="key-events__list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={hrefOf(entry)}>
              <time dateTime={entry.posted}>{formatDateTime(entry.posted)}</time>
              <span className="key-events__title">{entry.title ?? truncateText(entryText(entry), 100)}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
