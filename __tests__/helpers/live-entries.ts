import type { LiveEntry } from '@/lib/content/types';

const BASE = Date.parse('2026-11-20T12:00:00Z');

/** An in-memory entry of a live blog; `minute`: minutes after 20 November 2026 12:00 UTC. */
export function makeEntry(story: string, id: string, overrides: Partial<LiveEntry> & { minute?: number } = {}): LiveEntry {
  const { minute = 0, ...rest } = overrides;
  const posted = new Date(BASE + minute * 60_000).toISOString().replace('.000Z', '+00:00');
  return {
    id,
    story,
    posted,
    postedTime: Date.parse(posted),
    authors: [],
    key: false,
    pinned: false,
    status: 'published',
    corrections: [],
    body: `Body of ${id}.`,
    revision: `r-${id}`,
    sourceFile: `live/${story}/${id}.md`,
    ...rest,
  };
}

/** `count` entries of a blog, one a minute, ids e-0 (oldest) to e-<count-1>. */
export const makeEntries = (story: string, count: number) => Array.from({ length: count }, (_, i) => makeEntry(story, `e-${i}`, { minute: i }));

