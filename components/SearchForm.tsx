import type { Author, Section, Tag } from '@/lib/content/types';
import type { SearchForm as SearchFormValues } from '@/lib/search/params';
import { MAX_QUERY_LENGTH } from '@/lib/search/query';

export interface SearchFormOptions {
  sections: Pick<Section, 'slug' | 'name'>[];
  authors: Pick<Author, 'id' | 'name'>[];
  tags: Tag[];
}

/**
 * The search page's form: a plain GET to /search, so it works with JavaScript off. The filters
 * fold away (a <details>, no script needed) so that on a phone the results come first; they
 * stay open while one is set.
 */
export function SearchForm({ form, options }: { form: SearchFormValues; options: SearchFormOptions }) {
  const filtered = Boolean(form.section || form.author || form.tag || form.from || form.to || form.sort !== 'relevance');
  return (
    <form action="/search" method="get" role="search" aria-label="Stories" className="search-form">
      <div className="search-form__query">
        <label htmlFor="search-q">Search for</label>
        <input id="search-q" type="search" name="q" defaultValue={form.q} maxLength={MAX_QUERY_LENGTH} enterKeyHint="search" />
        <button type="submit">Search</button>
      </div>
      <details className="search-form__filters" open={filtered}>
        <summary>Filter and sort</summary>
        <div className="search-form__fields">
          <div>
            <label htmlFor="search-section">Section</label>
            <select id="search-section" name="section" defaultValue={form.section ?? ''}>
              <option value="">All sections</option>
              {options.sections.map((section) => (
                <option key={section.slug} value={section.slug}>
                  {section.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-author">Author</label>
            <select id="search-author" name="author" defaultValue={form.author ?? ''}>
              <option value="">All authors</option>
              {options.authors.map((author) => (
                <option key={author.id} value={author.id}>
                  {author.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-tag">Topic</label>
            <select id="search-tag" name="tag" defaultValue={form.tag ?? ''}>
              <option value="">All topics</option>
              {options.tags.map((tag) => (
                <option key={tag.slug} value={tag.slug}>
                  {tag.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-from">From</label>
            <input id="search-from" type="date" name="from" defaultValue={form.from ?? ''} />
          </div>
          <div>
            <label htmlFor="search-to">To</label>
            <input id="search-to" type="date" name="to" defaultValue={form.to ?? ''} />
          </div>
          <div>
            <label htmlFor="search-sort">Sort by</label>
            <select id="search-sort" name="sort" defaultValue={form.sort}>
              <option value="relevance">Relevance</option>
              <option value="newest">Newest first</option>
            </select>
          </div>
          <button type="submit" className="search-form__apply">Apply</button>
        </div>
      </details>
    </form>
  );
}
