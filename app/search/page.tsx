import type { Metadata } from 'next';
import { Pagination } from '@/components/Pagination';
import { SearchForm } from '@/components/SearchForm';
import { SearchResultList } from '@/components/SearchResultList';
import { sectionNames } from '@/lib/article-view';
import { getContent } from '@/lib/content/repository';
import { searchMetadata } from '@/lib/metadata';
import { readSearchForm, SEARCH_PAGE_SIZE, searchHref, type RawSearchParams } from '@/lib/search/params';
import { searchSite } from '@/lib/search/site-search';

// Every query is its own page: never prerendered, never served from the prerendered fast path.
export const dynamic = 'force-dynamic';

interface SearchPageProps {
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  return searchMetadata(readSearchForm(await searchParams, getContent()).form.q);
}

const plural = (count: number) => `${count.toLocaleString('en-GB')} ${count === 1 ? 'story' : 'stories'}`;

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const content = getContent();
  const { form, notices, results, latest } = await searchSite(content, await searchParams);
  const names = sectionNames();
  return (
    <div className="search">
      <header className="listing__header">
        <h1>{form.q ? `Search results for “${form.q}”` : 'Search'}</h1>
      </header>
      <SearchForm form={form} options={{ sections: content.sections, authors: content.authors, tags: content.tags }} />
      {notices.length > 0 && (
        <ul className="search__notices">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {results && (
        <>
          {results.correction && (
            <p className="search__correction">
              {'No story has your words as you typed them, so these are the results for '}
              <a href={searchHref({ ...form, q: results.correction })}>{results.correction}</a>.
            </p>
          )}
          {results.suggestion && (
            <p className="search__correction">
              Did you mean <a href={searchHref({ ...form, q: results.suggestion })}>{results.suggestion}</a>?
            </p>
          )}
          <p className="search__count">
            {results.total === 0
              ? 'No stories match your search. Check the spelling, use fewer or other words, or remove a filter.'
              : results.partial
                ? `No story has all of your words; ${plural(results.total)} have some of them.`
                : `${plural(results.total)} found.`}
          </p>
          <SearchResultList hits={results.hits} sectionNames={names} start={(results.page - 1) * SEARCH_PAGE_SIZE + 1} />
          <Pagination
            label="Search results pages"
            page={results.page}
            totalPages={results.totalPages}
            href={(n) => searchHref(form, n)}
            previous="← Previous results"
            next="More results →"
          />
        </>
      )}
      {!results && (
        <p className="search__help">
          Search every story by word, name or place. Put a phrase in quotes (&ldquo;leap second&rdquo;) to find those words in that order, and
          put a minus before a word (-seoul) to leave out stories that have it.
        </p>
      )}
      {latest.length > 0 && (
        <section aria-labelledby="latest-stories" className="search__latest">
          <h2 id="latest-stories">Latest stories</h2>
          <SearchResultList hits={latest.map((article) => ({ article, snippet: [] }))} sectionNames={names} headingLevel={3} />
        </section>
      )}
    </div>
  );
}
