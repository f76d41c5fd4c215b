import type { ContentRepository } from '../content/repository';
import { SEARCH_SORTS, type SearchRequest, type SearchSort } from './engine';
import { cleanQueryText, MAX_QUERY_LENGTH, parseQuery } from './query';

/** `searchParams` as Next passes it: a repeated parameter arrives as an array. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The search as the URL asks for it, after checking: only known values are kept. */
export interface SearchForm {
  q: string;
  section?: string;
  author?: string;
  tag?: string;
  /** YYYY-MM-DD, in the newsroom's time zone (UTC, lib/dates.ts). */
  from?: string;
  to?: string;
  sort: SearchSort;
  page: number;
}

export const SEARCH_PAGE_SIZE = 10;
const DAY_MS = 86_400_000;
/** Beyond this a page number is nonsense; the engine answers a page past the end with the last one. */
const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** A value as a notice may repeat it: short, and without control characters. */
function quoted(value: string): string {
  const { text, truncated } = cleanQueryText(value.slice(0, 40));
  return `“${text}${truncated || value.length > 40 ? '…' : ''}”`;
}

/** Epoch milliseconds of midnight UTC on a real YYYY-MM-DD date, else undefined. */
export function dayStart(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  return new Date(time).toISOString().startsWith(date) ? time : undefined;
}

/**
 * Reads the search page's parameters. Nothing a reader (or a robot) can put in the URL fails:
 * an unknown section, author, topic, date or sort order is left out with a notice saying so.
 */
export function readSearchForm(params: RawSearchParams, content: ContentRepository): { form: SearchForm; notices: string[] } {
  const notices: string[] = [];
  const raw = first(params.q);
  const { text: q, truncated } = cleanQueryText(raw);
  if (truncated) notices.push(`Only the first ${MAX_QUERY_LENGTH} characters of your search were used.`);
  const form: SearchForm = { q, sort: 'relevance', page: 1 };

  const known = (name: 'section' | 'author' | 'tag', exists: (value: string) => boolean, label: string) => {
    const value = first(params[name]);
    if (!value) return;
    if (exists(value)) form[name] = value;
    else notices.push(`There is no ${label} ${quoted(value)}, so stories from all ${label}s are shown.`);
  };
  known('section', (slug) => content.section(slug) !== undefined, 'section');
  known('author', (id) => content.author(id) !== undefined, 'author');
  known('tag', (slug) => content.tag(slug) !== undefined, 'topic');

  for (const name of ['from', 'to'] as const) {
    const value = first(params[name]);
    if (!value) continue;
    if (dayStart(value) !== undefined) form[name] = value;
    else notices.push(`${quoted(value)} is not a date like 2026-11-24, so it was ignored.`);
  }
  if (form.from && form.to && form.from > form.to) {
    [form.from, form.to] = [form.to, form.from];
    notices.push('The dates were the wrong way round, so they were swapped.');
  }

  const sort = first(params.sort);
  if ((SEARCH_SORTS as readonly string[]).includes(sort)) form.sort = sort as SearchSort;
  else if (sort) notices.push(`Results can be sorted by relevance or by newest first, not by ${quoted(sort)}.`);

  const page = first(params.page);
  if (PAGE_NUMBER.test(page)) form.page = Number(page);
  return { form, notices };
}

export function searchRequest(form: SearchForm, now: number): SearchRequest {
  const from = form.from === undefined ? undefined : dayStart(form.from);
  const to = form.to === undefined ? undefined : dayStart(form.to);
  return {
    query: parseQuery(form.q),
    filters: { section: form.section, author: form.author, tag: form.tag, from, until: to === undefined ? undefined : to + DAY_MS },
    sort: form.sort,
    page: form.page,
    pageSize: SEARCH_PAGE_SIZE,
    now,
  };
}

/** The URL of a search, with only the fields that differ from the defaults, in a fixed order. */
export function searchHref(form: Partial<SearchForm>, page = 1): string {
  const params = new URLSearchParams();
  for (const name of ['q', 'section', 'author', 'tag', 'from', 'to'] as const) {
    const value = form[name];
    if (value) params.set(name, value);
  }
  if (form.sort && form.sort !== 'relevance') params.set('sort', form.sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
