import type { RelatedReason, RelatedStory } from '@/lib/content/related';
import { ArticleImage } from './ArticleImage';
import { Timestamp } from './Timestamp';

function ReasonLine({ reason, sectionName }: { reason: RelatedReason; sectionName: string }) {
  switch (reason.kind) {
    case 'curated':
      return <>Editor&rsquo;s pick</>;
    case 'topics':
      return <>Shared topics: {reason.topics.slice(0, 3).map((t) => t.name).join(', ')}</>;
    case 'similar':
      return <>Similar coverage</>;
    case 'section':
      return <>More in {sectionName}</>;
    case 'latest':
      return <>Latest news</>;
  }
}

export function RelatedStories({ stories, sectionNames }: { stories: RelatedStory[]; sectionNames: Record<string, string> }) {
  if (!stories.length) return null;
  return (
    <aside className="related" aria-labelledby="related-title">
      <h2 id="related-title" className="related__title">
        Related stories
      </h2>
      <ol className="related__list">
        {stories.map(({ article, reason }) => (
          <li key={article.slug} className="related__item">
            {article.hero && (
              <div className="related__thumb">
                <ArticleImage photo={article.hero} sizes="6rem" />
              </div>
            )}
            <div>
              <p className="card__kicker">{sectionNames[article.section]}</p>
              <h3 className="related__headline">
                <a href={article.path}>{article.headline}</a>
              </h3>
              <p className="related__meta">
                <Timestamp iso={article.published} /> · <span className="related__reason"><ReasonLine reason={reason} sectionName={sectionNames[article.section]} /></span>
              </p>
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
