import type { LiveBlog } from './content/repository';
import type { LiveEntry } from './content/types';
import { blogPages } from './live-blog';

/**
 * What an open blog page polls (`updates.json`): the same document for every reader, so the
 * fast path and any CDN serve it. Entries carry their server-rendered markup, the very markup
 * the page has, so the island inserts them as they are.
 */
export interface LiveUpdates {
  /** Coverage is over: the page stops polling. */
  ended: boolean;
  /** When the newest published entry was posted (ISO 8601), null before the first. */
  updated: string | null;
  /** The entries of the blog's own page, newest first. */
  entries: LiveUpdateEntry[];
  /** The entry shown above the stream, if any. */
  pinned: string | null;
  /** Entries an open page must remove. */
  deleted: string[];
}

export interface LiveUpdateEntry {
  id: string;
  /** Changes with any edit: an open page replaces its copy when it differs. */
  revision: string;
  posted: string;
  /** The entry's markup as the page renders it (components/live/LiveEntry.tsx). */
  html: string;
}

/** How often an open page asks, and how often while its tab is hidden. */
export const LIVE_POLL_MS = 10_000;
export const LIVE_HIDDEN_POLL_MS = 60_000;

export function liveUpdates(blog: LiveBlog, renderEntry: (entry: LiveEntry) => string): LiveUpdates {
  return {
    ended: blog.ended,
    updated: blog.latest?.posted ?? null,
    entries: blogPages(blog).current.map((entry) => ({ id: entry.id, revision: entry.revision, posted: entry.posted, html: renderEntry(entry) })),
    pinned: blog.pinned?.id ?? null,
    deleted: blog.deleted.map((entry) => entry.id),
  };
}
