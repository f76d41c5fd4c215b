import type { Article } from '@/lib/content/types';
import { Timestamp } from './Timestamp';

/** What an editor sees on a preview: the page is not public, and when it would be. */
export function PreviewBanner({ article }: { article: Article }) {
  const embargoed = article.status === 'published' && article.publishedTime > Date.now();
  return (
    <div className="preview-banner" role="status">
      <strong>Preview</strong>{' '}
      {article.status === 'draft' && <>This draft is not public.</>}
      {embargoed && (
        <>
          Embargoed: goes live by itself at <Timestamp iso={article.published} long />.
        </>
      )}
      {article.status === 'withdrawn' && <>This story is withdrawn: readers get a notice.</>}
      {article.status === 'published' && !embargoed && <>This story is live.</>}{' '}
      <a href="/api/preview/exit">Leave preview</a>
    </div>
  );
}
