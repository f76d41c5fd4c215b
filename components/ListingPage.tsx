import { notFound } from 'next/navigation';
import { getContent } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import type { Listing } from '@/lib/listings';
import { pagePath, type Page } from '@/lib/pagination';
import { ArticleCard } from './ArticleCard';
import { Pagination } from './Pagination';

const KIND_LABEL = { section: 'Section', tag: 'Topic', author: 'Author' } as const;

/** A section front, topic page or author page; unknown keys and pages past the end are 404s. */
export function ListingPage({ shown }: { shown: { listing: Listing; current: Page<Article> } | undefined }) {
  if (!shown) notFound();
  const { listing, current } = shown;
  const content = getContent();
  return (
    <div className="listing">
      <header className="listing__header">
        <p className="listing__kind">{KIND_LABEL[listing.kind]}</p>
        <h1>{listing.title}</h1>
        <p className="listing__description">{listing.description}</p>
      </header>
      <ol className="card-grid">
        {current.items.map((article, i) => (
          <li key={article.slug}>
            <ArticleCard
              article={article}
              sectionName={content.section(article.section)!.name}
              headingLevel={2}
              preload={current.page === 1 && i === 0}
            />
          </li>
        ))}
      </ol>
      <Pagination page={current.page} totalPages={current.totalPages} href={(n) => pagePath(listing.basePath, n)} />
    </div>
  );
}
