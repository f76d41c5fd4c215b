import relevance from '@/__tests__/fixtures/search-relevance.json';
import { getContent } from '@/lib/content/repository';
import { MiniSearchEngine } from '@/lib/search/minisearch-engine';
import { parseQuery } from '@/lib/search/query';

/** Just after the newest story, so the recency boost is what a reader sees that day. */
const NOW = Date.parse('2026-11-26T00:00:00Z');
const TOP = 3;
const TARGET = 0.9;

const content = getContent();
const engine = MiniSearchEngine.of(content.articles);
const top = (query: string) =>
  engine.searchNow({ query: parseQuery(query), filters: {}, sort: 'relevance', page: 1, pageSize: TOP, now: NOW }).hits.map((hit) => hit.article.slug);

describe('relevance test set (__tests__/fixtures/search-relevance.json)', () => {
  it('has at least 40 queries, each expecting a story the site has', () => {
    expect(relevance.queries.length).toBeGreaterThanOrEqual(40);
    const slugs = new Set(content.articles.map((article) => article.slug));
    expect(relevance.queries.filter(({ expected }) => !slugs.has(expected))).toEqual([]);
  });

  it(`puts the expected story in the top ${TOP} for at least ${TARGET * 100} % of queries`, () => {
    const misses = relevance.queries
      .map(({ query, expected }) => ({ query, expected, got: top(query) }))
      .filter(({ expected, got }) => !got.includes(expected));
    const share = 1 - misses.length / relevance.queries.length;
    // The misses are printed so that a change in ranking shows what it broke.
    expect({ share: share >= TARGET ? 'met' : share.toFixed(2), misses: share >= TARGET ? 'not needed' : misses }).toEqual({
      share: 'met',
      misses: 'not needed',
    });
  });
});
