import MiniSearch from 'minisearch';
import type { Article } from '@/lib/content/types';
import { MiniSearchEngine } from '@/lib/search/minisearch-engine';
import { parseQuery } from '@/lib/search/query';
import { makeArticle } from '../../helpers/articles';
import { describeSearchEngine } from '../../helpers/search-engine-contract';

describeSearchEngine('MiniSearchEngine', async (articles) => {
  const engine = MiniSearchEngine.of(articles);
  return { engine, update: async (next) => void engine.sync(next) };
});

const FILLER = 'Officials said more details would follow later in the day.';
const slugs = async (engine: MiniSearchEngine, q: string) =>
  (await engine.search({ query: parseQuery(q), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now: Date.parse('2026-11-20T12:00:00Z') })).hits.map(
    (hit) => hit.article.slug,
  );

describe('MiniSearchEngine.sync', () => {
  const edition = () => [
    makeArticle('kept', { headline: 'Lighthouse keepers', body: FILLER }),
    makeArticle('edited', { headline: 'Draft headline', body: FILLER }),
    makeArticle('withdrawn', { headline: 'Withdrawn story', body: FILLER }),
  ];

  it('analyses only new and edited stories again, and hands out the current articles', async () => {
    const engine = MiniSearchEngine.of(edition());
    const [kept, edited] = edition();
    const next: Article[] = [kept, { ...edited, headline: 'Corrected headline', revision: 'r-edited-2' }, makeArticle('published', { headline: 'Fresh story', body: FILLER })];
    const add = jest.spyOn(MiniSearch.prototype, 'add');
    expect(engine.sync(next)).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(add.mock.calls.map(([document]) => (document as { id: string }).id).sort()).toEqual(['/world/edited', '/world/published']);
    add.mockRestore();
    expect(engine.size).toBe(3);
    // The hit is the current repository's article object, not the one first indexed.
    const { hits } = await engine.search({ query: parseQuery('lighthouse'), filters: {}, sort: 'relevance', page: 1, pageSize: 10, now: Date.now() });
    expect(hits[0].article).toBe(kept);
  });

  it('syncs a change to a 2,000-story index well within 2 s', async () => {
    const articles = Array.from({ length: 2000 }, (_, i) => makeArticle(`story-${i}`, { headline: `Story number ${i}`, body: `${FILLER} ${i}` }));
    const engine = MiniSearchEngine.of(articles);
    const changed = [...articles.slice(1), makeArticle('breaking', { headline: 'Breaking news', body: FILLER })];
    const start = performance.now();
    engine.sync(changed);
    expect(await slugs(engine, 'breaking')).toEqual(['breaking']);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
