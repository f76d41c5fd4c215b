import type { ContentRepository } from '../content/repository';
import type { Article } from '../content/types';
import type { SearchResults } from './engine';
import { searchEngineFor } from './engines';
import { readSearchForm, searchRequest, type RawSearchParams, type SearchForm } from './params';
import { hasSearchTerms } from './query';

/** Everything the search page shows. */
export interface SearchPage {
  form: SearchForm;
  /** What was ignored or changed in the request, in words a reader understands. */
  notices: string[];
  /** Undefined when there was nothing to search for. */
  results?: SearchResults;
  /** The newest stories, offered when there was nothing to search for or nothing was found. */
  latest: Article[];
}

export const LATEST_STORIES = 5;

/** The search page for a URL's parameters: never throws, whatever a URL holds and whatever the engine does. */
export async function searchSite(content: ContentRepository, params: RawSearchParams, now = Date.now()): Promise<SearchPage> {
  const { form, notices } = readSearchForm(params, content);
  const request = searchRequest(form, now);
  const latest = content.articles.slice(0, LATEST_STORIES);
  if (!hasSearchTerms(request.query)) {
    if (form.q) notices.push('Your search has no word to look for: very common words and excluded words do not count on their own.');
    return { form: { ...form, page: 1 }, notices, latest };
  }
  let results: SearchResults;
  try {
    results = await searchEngineFor(content).search(request);
  } catch (error) {
    // The search database away or too slow: the page still answers, with the latest stories.
    console.error(`search: ${(error as Error).message}`);
    notices.push('Search is not available just now. Please try again in a minute; the latest stories are below.');
    return { form: { ...form, page: 1 }, notices, latest };
  }
  return { form: { ...form, page: results.page }, notices, results, latest: results.total === 0 ? latest : [] };
}
