import type { Article } from '@/lib/content/types';

/** The notice at a withdrawn story's URL (sent with 410 Gone): why, but not the story itself. */
export function WithdrawnNotice({ article }: { article: Article }) {
  return (
    <div className="withdrawn-notice">
      <h1>This story has been withdrawn</h1>
      <p>{article.withdrawnReason ?? 'The story is no longer available.'}</p>
      <p>
        <a href="/">Go to the front page</a> or see our <a href="/corrections">corrections and clarifications</a>.
      </p>
    </div>
  );
}
