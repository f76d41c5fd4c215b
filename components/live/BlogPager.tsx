import type { Article } from '@/lib/content/types';
import { blogArchivePath } from '@/lib/live-blog';

export interface BlogPagerProps {
  article: Pick<Article, 'path'>;
  /** 0 for the blog's own page, else the archive page shown (1 the oldest). */
  page: number;
  archivePages: number;
}

/**
 * Links between the blog's own page and its archive pages, newer and older, plain links that
 * work without JavaScript. Archive pages count from the oldest, so their URLs never move.
 */
export function BlogPager({ article, page, archivePages }: BlogPagerProps) {
  if (!archivePages) return null;
  const href = (n: number) => (n > archivePages ? article.path : blogArchivePath(article, n));
  const newer = page === 0 ? undefined : page + 1;
  const older = page === 0 ? archivePages : page > 1 ? page - 1 : undefined;
  return (
    <nav className="pagination live-pager" aria-label="Earlier and later updates">
      {newer !== undefined && (
        <a href={href(newer)} rel="prev">
          ← Newer updates
        </a>
      )}
      <span>{page === 0 ? 'Latest updates' : `Earlier updates, page ${page} of ${archivePages}`}</span>
      {older !== undefined && (
        <a href={href(older)} rel="next">
          Older updates →
        </a>
      )}
    </nav>
  );
}
