import { createRepository } from '@/lib/content/repository';
import type { Article, Author, Section } from '@/lib/content/types';
import { searchEngineFor } from '@/lib/search/engines';
import { LATEST_STORIES, searchSite } from '@/lib/search/site-search';
import { makeArticle } from '../../helpers/articles';

// The embedded engine's index in this process, not in the project's .newsbite/ file of the site's own content.
process.env.SEARCH_INDEX_PATH = ':memory:';

const sections: Section[] = [{ slug: 'world', name: 'World', description: 'World news.' }];
const authors: Author[] = [{ id: 'ann-lee', name: 'Ann Lee', role: 'Reporter', bio: 'Bio.', path: '/author/ann-lee' }];
const repository = (articles: Article[]) => createRepository({ sections, authors, articles });
const NOW = Date.parse('2026-11-26T00:00:00Z');

const stories = Array.from({ length: 8 }, (_, i) => makeArticle(`story-${i}`, { headline: `Harbour story ${i}`, day: -i }));

describe('searchSite', () => {
  it('searches the repository it is given', async () => {
    const page = await searchSite(repository(stories), { q: 'harbour', page: '1' }, NOW);
    expect(page.results).toMatchObject({ total: 8, page: 1 });
    expect(page.latest).toEqual([]);
  });

  it('offers the latest stories for an empty query, and says when a query had nothing to look for', async () => {
    const content = repository(stories);
    const empty = await searchSite(content, {}, NOW);
    expect(empty.results).toBeUndefined();
    expect(empty.notices).toEqual([]);
    expect(empty.latest.map((a) => a.slug)).toEqual(content.articles.slice(0, LATEST_STORIES).map((a) => a.slug));
    const onlyExclusions = await searchSite(content, { q: '-harbour' }, NOW);
    expect(onlyExclusions.results).toBeUndefined();
    expect(onlyExclusions.notices).toHaveLength(1);
  });

  it('offers the latest stories and a spelling when nothing is found', async () => {
    const typo = await searchSite(repository(stories), { q: 'harbuor' }, NOW);
    expect(typo.results).toMatchObject({ total: 8, correction: 'harbour' });
    const none = await searchSite(repository(stories), { q: 'zzzzzz' }, NOW);
    expect(none.results).toMatchObject({ total: 0 });
    expect(none.latest).toHaveLength(LATEST_STORIES);
  });

  it('reports the page it shows, not the one asked for past the end', async () => {
    const page = await searchSite(repository(stories), { q: 'harbour', page: '7' }, NOW);
    expect(page.form.page).toBe(1);
  });
});

describe('searchEngineFor', () => {
  it('answers each repository from one index, brought up to date when a new repository arrives', async () => {
    const first = repository(stories);
    const engine = searchEngineFor(first);
    expect(searchEngineFor(first)).toBe(engine);

    // The content layer publishes a story and withdraws another: a new repository object.
    const second = repository([makeArticle('breaking', { headline: 'Lighthouse breaking news' }), ...stories.slice(1)]);
    expect(searchEngineFor(second)).toBe(engine);
    const found = await searchSite(second, { q: 'lighthouse' }, NOW);
    expect(found.results?.hits.map((hit) => hit.article.slug)).toEqual(['breaking']);
    const withdrawn = await searchSite(second, { q: '"harbour story 0"' }, NOW);
    expect(withdrawn.results?.total).toBe(0);
  });
});
