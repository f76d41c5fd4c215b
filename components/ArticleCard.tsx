import { getContent } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { ArticleImage } from './ArticleImage';
import { LiveStatus } from './live/LiveStatus';
import { Timestamp } from './Timestamp';

export interface ArticleCardProps {
  article: Article;
  sectionName: string;
  /** "lead" shows a large photo and the standfirst; "compact" a small thumbnail. */
  variant?: 'lead' | 'standard' | 'compact';
  headingLevel?: 2 | 3;
  preload?: boolean;
}

const IMAGE_SIZES = {
  lead: '(min-width: 64rem) 48rem, 100vw',
  standard: '(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw',
  compact: '6rem',
};

/** A story teaser: the whole card is one link target, named by its headline. */
export function ArticleCard({ article, sectionName, variant = 'standard', headingLevel = 3, preload }: ArticleCardProps) {
  const Heading = `h${headingLevel}` as const;
  // A running live blog says so, with the time of its latest entry.
  const blog = article.live && !article.live.ended ? getContent().liveBlog(article) : undefined;
  return (
    <article className={`card card--${variant}`}>
      {article.hero && (
        <div className="card__image">
          <ArticleImage photo={article.hero} sizes={IMAGE_SIZES[variant]} preload={preload} />
        </div>
      )}
      <div className="card__body">
        <p className="card__kicker">{sectionName}</p>
        <Heading className="card__headline">
          <a href={article.path} className="card__link">
            {article.headline}
          </a>
        </Heading>
        {variant !== 'compact' && <p className="card__standfirst">{article.standfirst}</p>}
        {blog ? (
          <LiveStatus article={article} blog={blog} compact />
        ) : (
          <p className="card__meta">
            <Timestamp iso={article.published} />
          </p>
        )}
      </div>
    </article>
  );
}
