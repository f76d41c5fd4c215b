import { Timestamp } from '@/components/Timestamp';
import type { LiveBlog } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';

/**
 * "Live" with the time of the latest update while coverage runs, "Ended" with its end time
 * after: a badge in words, not colour alone. Also on fronts (`compact`: the time only).
 */
export function LiveStatus({ article, blog, compact = false }: { article: Pick<Article, 'live'>; blog: Pick<LiveBlog, 'latest' | 'ended'>; compact?: boolean }) {
  const ended = blog.ended ? article.live?.ended : undefined;
  const time = ended ?? blog.latest?.posted;
  return (
    <p className={`live-status${ended ? ' live-status--ended' : ''}`}>
      <span className="live-status__badge">{ended ? 'Ended' : 'Live'}</span>{' '}
      {time && (
        <span className="live-status__time">
          {ended ? 'Coverage ended ' : compact ? 'Latest ' : 'Latest update '}
          <Timestamp iso={time} long />
        </span>
      )}
    </p>
  );
}
