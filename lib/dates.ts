import type { Article } from './content/types';

/** The newsroom's clock: every visible time is given in it, with its zone named. */
const TIME_ZONE = 'UTC';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
  timeZoneName: 'short',
});

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE });

/** "24 November 2026 at 23:15 UTC" */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "24 Nov 2026" */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** When an article last changed: its latest update or correction, else its publication. */
export function lastModified(article: Pick<Article, 'published' | 'updated' | 'corrections'>): string {
  return latest([article.published, ...(article.updated ? [article.updated] : []), ...article.corrections.map((c) => c.date)])!;
}

/** The latest of some ISO date-times (compared as instants), kept as written. */
export function latest(dates: string[]): string | undefined {
  let best: string | undefined;
  let bestTime = NaN;
  // Each date parsed once: the sitemap index dates parts of 10,000 stories.
  for (const date of dates) {
    const time = Date.parse(date);
    if (best === undefined || time > bestTime) {
      best = date;
      bestTime = time;
    }
  }
  return best;
}
