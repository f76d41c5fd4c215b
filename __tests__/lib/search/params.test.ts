import { createRepository } from '@/lib/content/repository';
import type { Author, Section } from '@/lib/content/types';
import { dayStart, readSearchForm, searchHref, searchRequest } from '@/lib/search/params';
import { makeArticle } from '../../helpers/articles';

const sections: Section[] = [{ slug: 'world', name: 'World', description: 'World news.' }];
const authors: Author[] = [{ id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' }];
const content = createRepository({ sections, authors, articles: [makeArticle('story', { tags: ['Space'] })] });

describe('readSearchForm', () => {
  it('keeps known filters and the sort order, and reads the first of repeated parameters', () => {
    const { form, notices } = readSearchForm(
      { q: ['  dmz  ', 'ignored'], section: 'world', author: 'ann-lee', tag: 'space', from: '2026-11-01', to: '2026-11-30', sort: 'newest', page: '3' },
      content,
    );
    expect(form).toEqual({ q: 'dmz', section: 'world', author: 'ann-lee', tag: 'space', from: '2026-11-01', to: '2026-11-30', sort: 'newest', page: 3 });
    expect(notices).toEqual([]);
  });

  it('treats empty fields, as a submitted form sends them, as not given', () => {
    expect(readSearchForm({ q: '', section: '', author: '', tag: '', from: '', to: '', sort: '' }, content)).toEqual({
      form: { q: '', sort: 'relevance', page: 1 },
      notices: [],
    });
  });

  it('ignores unknown values with a notice, quoting them short and clean', () => {
    const { form, notices } = readSearchForm(
      { q: 'x', section: 'nope', author: '<script>', tag: 'no-such-topic', from: '2026-02-31', to: 'yesterday', sort: `relevance' OR 1=1 ${'-'.repeat(60)}` },
      content,
    );
    expect(form).toEqual({ q: 'x', sort: 'relevance', page: 1 });
    expect(notices).toEqual([
      'There is no section “nope”, so stories from all sections are shown.',
      'There is no author “<script>”, so stories from all authors are shown.',
      'There is no topic “no-such-topic”, so stories from all topics are shown.',
      '“2026-02-31” is not a date like 2026-11-24, so it was ignored.',
      '“yesterday” is not a date like 2026-11-24, so it was ignored.',
      `Results can be sorted by relevance or by newest first, not by “relevance' OR 1=1 ${'-'.repeat(22)}…”.`,
    ]);
  });

  it('says when the query was cut to 200 characters, swaps reversed dates and ignores a nonsense page', () => {
    const { form, notices } = readSearchForm({ q: 'a'.repeat(500), from: '2026-11-30', to: '2026-11-01', page: '-1' }, content);
    expect(form).toMatchObject({ q: 'a'.repeat(200), from: '2026-11-01', to: '2026-11-30', page: 1 });
    expect(notices).toEqual(['Only the first 200 characters of your search were used.', 'The dates were the wrong way round, so they were swapped.']);
    for (const page of ['0', '1.5', '1e3', 'two', '9999999']) expect(readSearchForm({ page }, content).form.page).toBe(1);
  });
});

describe('searchRequest', () => {
  it('turns dates into a range from the start of the first day to the end of the last (UTC)', () => {
    const { filters } = searchRequest({ q: 'dmz', from: '2026-11-01', to: '2026-11-01', sort: 'relevance', page: 1 }, 0);
    expect(filters.from).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(filters.until).toBe(Date.parse('2026-11-02T00:00:00Z'));
  });

  it('checks dates for real', () => {
    expect(dayStart('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(dayStart('2026-02-29')).toBeUndefined();
    expect(dayStart('2026-1-1')).toBeUndefined();
  });
});

describe('searchHref', () => {
  it('keeps the query and filters in a fixed order, leaving out defaults', () => {
    expect(searchHref({ q: 'north korea & "dmz"', section: 'world', sort: 'relevance' }, 2)).toBe('/search?q=north+korea+%26+%22dmz%22&section=world&page=2');
    expect(searchHref({ q: 'x', to: '2026-11-30', sort: 'newest' })).toBe('/search?q=x&to=2026-11-30&sort=newest');
    expect(searchHref({})).toBe('/search');
  });
});
