import relevance from '@/__tests__/fixtures/search-relevance.json';
import type { Article } from '@/lib/content/types';
import type { SearchEngine, SearchFilters, SearchRequest, SearchSort } from '@/lib/search/engine';
import { parseQuery } from '@/lib/search/query';
import { makeArticle } from './articles';

/**
 * What every search engine must do, run against each of them: the embedded one in
 * __tests__/lib/search/sqlite-engine.test.ts, PostgreSQL in __tests__/e2e/postgres-search.test.ts.
 * `build` gives an engine over exactly these (public) articles; `update` brings it to others,
 * as a content change does.
 */
export interface EngineUnderTest {
  engine: SearchEngine;
  update(articles: Article[]): Promise<void>;
}

const NOW = Date.parse('2026-11-20T12:00:00Z');

function request(q: string, options: { filters?: SearchFilters; sort?: SearchSort; page?: number; pageSize?: number } = {}): SearchRequest {
  return { query: parseQuery(q), filters: options.filters ?? {}, sort: options.sort ?? 'relevance', page: options.page ?? 1, pageSize: options.pageSize ?? 10, now: NOW };
}

const search = (engine: SearchEngine, searchRequest: SearchRequest) => engine.search(searchRequest);
const slugs = async (engine: SearchEngine, q: string, options?: Parameters<typeof request>[1]) =>
  (await engine.search(request(q, options))).hits.map((hit) => hit.article.slug);

/** Filler that matches nothing, so documents have realistic field lengths. */
const FILLER = 'Officials said more details would follow later in the day.';

export function describeSearchEngine(name: string, buildEngine: (articles: Article[]) => Promise<EngineUnderTest>): void {
  const build = async (articles: Article[]) => (await buildEngine(articles)).engine;

  describe(`${name}: matching and ranking`, () => {
    it('matches other forms of a word (stemming), ignoring case and accents', async () => {
      const engine = await build([
        makeArticle('insects', { body: `The count found a ladybird on every leaf. ${FILLER}` }),
        makeArticle('cafes', { body: `A café in Bilbao. ${FILLER}` }),
      ]);
      expect(await slugs(engine, 'Ladybirds')).toEqual(['insects']);
      expect(await slugs(engine, 'CAFE')).toEqual(['cafes']);
    });

    it('weighs headline and topics above the standfirst, and the standfirst above the body', async () => {
      const engine = await build([
        makeArticle('in-body', { body: `Comets. ${FILLER}` }),
        makeArticle('in-standfirst', { standfirst: 'Comets.', body: FILLER }),
        makeArticle('in-tags', { tags: ['Comets'], body: FILLER }),
        makeArticle('in-headline', { headline: 'Comets', body: FILLER }),
      ]);
      expect(await slugs(engine, 'comets')).toEqual(['in-headline', 'in-tags', 'in-standfirst', 'in-body']);
    });

    it('forgives a typo in a word of five letters or more that no story uses, and not in shorter ones', async () => {
      const engine = await build([
        makeArticle('hubble', { headline: 'Hubble’s deepest view', body: FILLER }),
        makeArticle('dmz', { headline: 'Crossing the DMZ', body: FILLER }),
      ]);
      expect(await search(engine, request('hubbel'))).toMatchObject({ total: 1, correction: 'hubble', suggestion: undefined });
      // A short word is not corrected behind the reader's back: the spelling is offered instead.
      expect(await search(engine, request('dmx'))).toMatchObject({ total: 0, correction: undefined, suggestion: 'dmz' });
    });

    it('falls back to typo tolerance when the likeliest spelling finds nothing with the other words', async () => {
      const engine = await build([
        makeArticle('hubble', { headline: 'Hubble telescope', body: FILLER }),
        makeArticle('bubble', { headline: 'Bubble tea', body: FILLER }),
        makeArticle('bubbles', { headline: 'Bubble wrap', body: FILLER }),
      ]);
      // "gubble" is spelt "bubble" by more stories, but only the Hubble story has "telescope".
      expect(await search(engine, request('gubble telescope'))).toMatchObject({ total: 1, correction: undefined, partial: false });
      expect(await slugs(engine, 'gubble telescope')).toEqual(['hubble']);
    });

    it('does not blur a word stories do use into its neighbours', async () => {
      const engine = await build([
        makeArticle('storm', { headline: 'Storm closes coast road', body: FILLER }),
        makeArticle('store', { headline: 'Store opens on high street', body: FILLER }),
      ]);
      expect(await slugs(engine, 'storm')).toEqual(['storm']);
    });

    it('highlights the words that matched in the snippet, typo-tolerant matches included', async () => {
      const engine = await build([makeArticle('hubble', { body: `Astronomers pointed **Hubble** at Fornax. ${FILLER}` })]);
      const [hit] = (await search(engine, request('hubbel fornax'))).hits;
      expect(hit.snippet.filter((s) => s.highlighted).map((s) => s.text)).toEqual(['Hubble', 'Fornax']);
      expect(hit.snippet.map((s) => s.text).join('')).toBe(`Astronomers pointed Hubble at Fornax. ${FILLER}`);
    });

    it('gives snippets as text: entities decoded, markup and link addresses left out', async () => {
      const engine = await build([makeArticle('kites', { body: `Kites & [flags](https://example.com/x) at <b>dawn</b>: 1 &lt; 2. ${FILLER}` })]);
      const [hit] = (await search(engine, request('kites'))).hits;
      expect(hit.snippet.filter((s) => s.highlighted).map((s) => s.text)).toEqual(['Kites']);
      const text = hit.snippet.map((s) => s.text).join('');
      expect(text).toContain('Kites & flags at');
      expect(text).toContain('1 < 2.');
      expect(text).not.toMatch(/example\.com|<b>|&lt;/);
    });

    it('requires quoted phrases word for word, in order', async () => {
      const engine = await build([
        makeArticle('phrase', { body: `The last leap second was in 2016. ${FILLER}` }),
        makeArticle('scattered', { body: `A second leap, the last of the day. ${FILLER}` }),
      ]);
      expect(await slugs(engine, '"last leap second"')).toEqual(['phrase']);
      expect((await slugs(engine, 'last leap second')).sort()).toEqual(['phrase', 'scattered']);
    });

    it('leaves out stories with an excluded word or phrase', async () => {
      const engine = await build([
        makeArticle('seoul', { body: `Coffee in Seoul, hand drip. ${FILLER}` }),
        makeArticle('levy', { body: `Coffee cups face a levy. ${FILLER}` }),
        makeArticle('drip', { body: `Coffee by hand drip at home. ${FILLER}` }),
      ]);
      expect((await slugs(engine, 'coffee -seoul')).sort()).toEqual(['drip', 'levy']);
      expect(await slugs(engine, 'coffee -"hand drip"')).toEqual(['levy']);
    });

    it('ranks this week’s story above an older one with the same words, but a far better match above a newer one', async () => {
      const same = { headline: 'Storm barrier vote', body: FILLER };
      const engine = await build([
        makeArticle('old', { ...same, day: -60 }),
        makeArticle('new', { ...same, day: -2 }),
        makeArticle('passing-mention', { headline: 'Council news', body: `A barrier was mentioned. ${FILLER}`, day: 0 }),
      ]);
      expect(await slugs(engine, 'storm barrier')).toEqual(['new', 'old']);
      expect(await slugs(engine, 'barrier')).toEqual(['new', 'old', 'passing-mention']);
    });

    it('filters by section, author, topic and publication dates', async () => {
      const engine = await build([
        makeArticle('world-early', { headline: 'Kites', authors: ['ann'], tags: ['Energy'], day: -10 }),
        makeArticle('science-late', { headline: 'Kites', section: 'science', authors: ['bo'], tags: ['Wind Power'], day: -1 }),
      ]);
      expect(await slugs(engine, 'kites', { filters: { section: 'science' } })).toEqual(['science-late']);
      expect(await slugs(engine, 'kites', { filters: { author: 'ann' } })).toEqual(['world-early']);
      expect(await slugs(engine, 'kites', { filters: { tag: 'wind-power' } })).toEqual(['science-late']);
      const dayFive = NOW - 5 * 86_400_000;
      expect(await slugs(engine, 'kites', { filters: { from: dayFive } })).toEqual(['science-late']);
      expect(await slugs(engine, 'kites', { filters: { until: dayFive } })).toEqual(['world-early']);
    });

    it('sorts by newest first on request', async () => {
      const engine = await build([
        makeArticle('strong-old', { headline: 'Kites kites kites', day: -30 }),
        makeArticle('weak-new', { body: `One kite. ${FILLER}`, day: -1 }),
      ]);
      expect(await slugs(engine, 'kites')).toEqual(['strong-old', 'weak-new']);
      expect(await slugs(engine, 'kites', { sort: 'newest' })).toEqual(['weak-new', 'strong-old']);
    });

    it('pages through results, counting them all, and answers a page past the end with the last', async () => {
      const engine = await build(Array.from({ length: 25 }, (_, i) => makeArticle(`kite-${i}`, { headline: 'Kites', day: -i })));
      const second = await search(engine, request('kites', { page: 2 }));
      expect(second).toMatchObject({ total: 25, page: 2, totalPages: 3 });
      expect(second.hits.map((hit) => hit.article.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `kite-${i + 10}`));
      expect(await search(engine, request('kites', { page: 99 }))).toMatchObject({ page: 3, totalPages: 3 });
      expect((await search(engine, request('kites', { page: 99 }))).hits).toHaveLength(5);
    });

    it('falls back to stories with some of the words when none has them all, and says so', async () => {
      const engine = await build([
        makeArticle('dmz', { headline: 'South Korean crosses the DMZ', body: FILLER }),
        makeArticle('other', { headline: 'Kites', body: FILLER }),
      ]);
      expect(await search(engine, request('dmz crosses'))).toMatchObject({ total: 1, partial: false });
      expect(await search(engine, request('dmz crossing unicorn'))).toMatchObject({ total: 1, partial: true });
      // A phrase stays required even then.
      expect((await search(engine, request('"north korea" dmz unicorn'))).total).toBe(0);
    });

    it('suggests a spelling the stories use for words none of them does, keeping the rest of the query', async () => {
      const engine = await build([makeArticle('hubble', { headline: 'Hubble finds galaxies', body: FILLER })]);
      expect((await search(engine, request('Hubbel "galaxies" -dmz'))).correction).toBe('hubble "galaxies" -dmz');
      expect((await search(engine, request('hubble galaxy'))).correction).toBeUndefined();
      expect((await search(engine, request('zzzzzzzz'))).correction).toBeUndefined();
    });

    it('offers no spelling that would find nothing with the rest of the query', async () => {
      const engine = await build([
        makeArticle('border', { headline: 'Korean crosses the border', body: FILLER }),
        makeArticle('boats', { headline: 'Many boats', body: FILLER }),
      ]);
      // "man" is one letter from "many", but no story has "korean", "many" and "crosses".
      expect(await search(engine, request('korean man crosses'))).toMatchObject({ total: 1, partial: true, suggestion: undefined });
      expect(await search(engine, request('mamy boats'))).toMatchObject({ partial: true, suggestion: 'many boats' });
    });

    it('answers any input without throwing: markup, quotes, syntax, control characters, long and empty queries', async () => {
      const engine = await build([makeArticle('a', { headline: 'Script kiddies' })]);
      const inputs = ['<script>alert(1)</script>', '"""', '"', '-', '--', '- -"" "', `' OR 1=1 --`, 'a:b AND (c OR d)*~^', '\u0000\u202E', 'x'.repeat(5000), '', '🚀'];
      for (const input of inputs) await expect(search(engine, request(input))).resolves.toMatchObject({ page: 1 });
      expect(await slugs(engine, '<script>alert(1)</script>')).toEqual(['a']);
    });

  });

  describe(`${name}: content changes`, () => {
    const edition = () => [
      makeArticle('kept', { headline: 'Lighthouse keepers', body: FILLER }),
      makeArticle('edited', { headline: 'Draft headline', body: FILLER }),
      makeArticle('withdrawn', { headline: 'Withdrawn story', body: FILLER }),
    ];

    it('finds new stories and edited ones as edited, and no longer finds withdrawn ones', async () => {
      const { engine, update } = await buildEngine(edition());
      const [kept, edited] = edition();
      await update([kept, { ...edited, headline: 'Corrected headline', revision: 'r-edited-2' }, makeArticle('published', { headline: 'Fresh story', body: FILLER })]);
      expect(await slugs(engine, 'fresh')).toEqual(['published']);
      expect(await slugs(engine, 'corrected')).toEqual(['edited']);
      expect(await slugs(engine, 'draft')).toEqual([]);
      expect(await slugs(engine, 'withdrawn')).toEqual([]);
      expect(await slugs(engine, 'lighthouse')).toEqual(['kept']);
    });

    it('stops suggesting the words of a withdrawn story', async () => {
      const { engine, update } = await buildEngine(edition());
      expect((await search(engine, request('withdrawm'))).correction).toBe('withdrawn');
      await update(edition().slice(0, 2));
      expect((await search(engine, request('withdrawm'))).correction).not.toBe('withdrawn');
    });
  });
}

/** Just after the newest story of the site's own content, so the recency boost is what a reader sees that day. */
const RELEVANCE_NOW = Date.parse('2026-11-26T00:00:00Z');
const TOP = 3;
const TARGET = 0.9;

/** The relevance test set (__tests__/fixtures/search-relevance.json) against an engine over the site's own articles. */
export function describeRelevance(name: string, articles: () => Article[], engine: () => SearchEngine): void {
  const top = async (query: string) =>
    (await engine().search({ query: parseQuery(query), filters: {}, sort: 'relevance', page: 1, pageSize: TOP, now: RELEVANCE_NOW })).hits.map(
      (hit) => hit.article.slug,
    );

  describe(`${name}: relevance test set`, () => {
    it('has at least 40 queries, each expecting a story the site has', () => {
      expect(relevance.queries.length).toBeGreaterThanOrEqual(40);
      const slugSet = new Set(articles().map((article) => article.slug));
      expect(relevance.queries.filter(({ expected }) => !slugSet.has(expected))).toEqual([]);
    });

    it(`puts the expected story in the top ${TOP} for at least ${TARGET * 100} % of queries`, async () => {
      const results = [];
      for (const { query, expected } of relevance.queries) results.push({ query, expected, got: await top(query) });
      const misses = results.filter(({ expected, got }) => !got.includes(expected));
      const share = 1 - misses.length / relevance.queries.length;
      // The misses are printed so that a change in ranking shows what it broke.
      expect({ share: share >= TARGET ? 'met' : share.toFixed(2), misses: share >= TARGET ? 'not needed' : misses }).toEqual({
        share: 'met',
        misses: 'not needed',
      });
    });
  });
}
