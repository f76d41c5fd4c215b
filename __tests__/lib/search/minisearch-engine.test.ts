import MiniSearch from 'minisearch';
import type { Article } from '@/lib/content/types';
import type { SearchFilters, SearchRequest, SearchSort } from '@/lib/search/engine';
import { MiniSearchEngine } from '@/lib/search/minisearch-engine';
import { parseQuery } from '@/lib/search/query';
import { makeArticle } from '../../helpers/articles';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function request(q: string, options: { filters?: SearchFilters; sort?: SearchSort; page?: number; pageSize?: number } = {}): SearchRequest {
  return { query: parseQuery(q), filters: options.filters ?? {}, sort: options.sort ?? 'relevance', page: options.page ?? 1, pageSize: options.pageSize ?? 10, now: NOW };
}

const slugs = (engine: MiniSearchEngine, q: string, options?: Parameters<typeof request>[1]) =>
  engine.searchNow(request(q, options)).hits.map((hit) => hit.article.slug);

/** Filler that matches nothing, so documents have realistic field lengths. */
const FILLER = 'Officials said more details would follow later in the day.';

describe('MiniSearchEngine', () => {
  it('matches other forms of a word (stemming), ignoring case and accents', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('insects', { body: `The count found a ladybird on every leaf. ${FILLER}` }),
      makeArticle('cafes', { body: `A café in Bilbao. ${FILLER}` }),
    ]);
    expect(slugs(engine, 'Ladybirds')).toEqual(['insects']);
    expect(slugs(engine, 'CAFE')).toEqual(['cafes']);
  });

  it('weighs headline and topics above the standfirst, and the standfirst above the body', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('in-body', { body: `Comets. ${FILLER}` }),
      makeArticle('in-standfirst', { standfirst: 'Comets.', body: FILLER }),
      makeArticle('in-tags', { tags: ['Comets'], body: FILLER }),
      makeArticle('in-headline', { headline: 'Comets', body: FILLER }),
    ]);
    expect(slugs(engine, 'comets')).toEqual(['in-headline', 'in-tags', 'in-standfirst', 'in-body']);
  });

  it('forgives a typo in a word of five letters or more that no story uses, and not in shorter ones', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('hubble', { headline: 'Hubble’s deepest view', body: FILLER }),
      makeArticle('dmz', { headline: 'Crossing the DMZ', body: FILLER }),
    ]);
    expect(engine.searchNow(request('hubbel'))).toMatchObject({ total: 1, correction: 'hubble', suggestion: undefined });
    // A short word is not corrected behind the reader's back: the spelling is offered instead.
    expect(engine.searchNow(request('dmx'))).toMatchObject({ total: 0, correction: undefined, suggestion: 'dmz' });
  });

  it('falls back to typo tolerance when the likeliest spelling finds nothing with the other words', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('hubble', { headline: 'Hubble telescope', body: FILLER }),
      makeArticle('bubble', { headline: 'Bubble tea', body: FILLER }),
      makeArticle('bubbles', { headline: 'Bubble wrap', body: FILLER }),
    ]);
    // "gubble" is spelt "bubble" by more stories, but only the Hubble story has "telescope".
    expect(engine.searchNow(request('gubble telescope'))).toMatchObject({ total: 1, correction: undefined, partial: false });
    expect(slugs(engine, 'gubble telescope')).toEqual(['hubble']);
  });

  it('does not blur a word stories do use into its neighbours', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('storm', { headline: 'Storm closes coast road', body: FILLER }),
      makeArticle('store', { headline: 'Store opens on high street', body: FILLER }),
    ]);
    expect(slugs(engine, 'storm')).toEqual(['storm']);
  });

  it('highlights the words that matched in the snippet, typo-tolerant matches included', () => {
    const engine = MiniSearchEngine.of([makeArticle('hubble', { body: `Astronomers pointed **Hubble** at Fornax. ${FILLER}` })]);
    const [hit] = engine.searchNow(request('hubbel fornax')).hits;
    expect(hit.snippet.filter((s) => s.highlighted).map((s) => s.text)).toEqual(['Hubble', 'Fornax']);
    expect(hit.snippet.map((s) => s.text).join('')).toBe(`Astronomers pointed Hubble at Fornax. ${FILLER}`);
  });

  it('requires quoted phrases word for word, in order', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('phrase', { body: `The last leap second was in 2016. ${FILLER}` }),
      makeArticle('scattered', { body: `A second leap, the last of the day. ${FILLER}` }),
    ]);
    expect(slugs(engine, '"last leap second"')).toEqual(['phrase']);
    expect(slugs(engine, 'last leap second').sort()).toEqual(['phrase', 'scattered']);
  });

  it('leaves out stories with an excluded word or phrase', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('seoul', { body: `Coffee in Seoul, hand drip. ${FILLER}` }),
      makeArticle('levy', { body: `Coffee cups face a levy. ${FILLER}` }),
      makeArticle('drip', { body: `Coffee by hand drip at home. ${FILLER}` }),
    ]);
    expect(slugs(engine, 'coffee -seoul').sort()).toEqual(['drip', 'levy']);
    expect(slugs(engine, 'coffee -"hand drip"')).toEqual(['levy']);
  });

  it('ranks this week’s story above an older one with the same words, but a far better match above a newer one', () => {
    const same = { headline: 'Storm barrier vote', body: FILLER };
    const engine = MiniSearchEngine.of([
      makeArticle('old', { ...same, day: -60 }),
      makeArticle('new', { ...same, day: -2 }),
      makeArticle('passing-mention', { headline: 'Council news', body: `A barrier was mentioned. ${FILLER}`, day: 0 }),
    ]);
    expect(slugs(engine, 'storm barrier')).toEqual(['new', 'old']);
    expect(slugs(engine, 'barrier')).toEqual(['new', 'old', 'passing-mention']);
  });

  it('filters by section, author, topic and publication dates', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('world-early', { headline: 'Kites', authors: ['ann'], tags: ['Energy'], day: -10 }),
      makeArticle('science-late', { headline: 'Kites', section: 'science', authors: ['bo'], tags: ['Wind Power'], day: -1 }),
    ]);
    expect(slugs(engine, 'kites', { filters: { section: 'science' } })).toEqual(['science-late']);
    expect(slugs(engine, 'kites', { filters: { author: 'ann' } })).toEqual(['world-early']);
    expect(slugs(engine, 'kites', { filters: { tag: 'wind-power' } })).toEqual(['science-late']);
    const dayFive = NOW - 5 * 86_400_000;
    expect(slugs(engine, 'kites', { filters: { from: dayFive } })).toEqual(['science-late']);
    expect(slugs(engine, 'kites', { filters: { until: dayFive } })).toEqual(['world-early']);
  });

  it('sorts by newest first on request', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('strong-old', { headline: 'Kites kites kites', day: -30 }),
      makeArticle('weak-new', { body: `One kite. ${FILLER}`, day: -1 }),
    ]);
    expect(slugs(engine, 'kites')).toEqual(['strong-old', 'weak-new']);
    expect(slugs(engine, 'kites', { sort: 'newest' })).toEqual(['weak-new', 'strong-old']);
  });

  it('pages through results, counting them all, and answers a page past the end with the last', () => {
    const engine = MiniSearchEngine.of(Array.from({ length: 25 }, (_, i) => makeArticle(`kite-${i}`, { headline: 'Kites', day: -i })));
    const second = engine.searchNow(request('kites', { page: 2 }));
    expect(second).toMatchObject({ total: 25, page: 2, totalPages: 3 });
    expect(second.hits.map((hit) => hit.article.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `kite-${i + 10}`));
    expect(engine.searchNow(request('kites', { page: 99 }))).toMatchObject({ page: 3, totalPages: 3 });
    expect(engine.searchNow(request('kites', { page: 99 })).hits).toHaveLength(5);
  });

  it('falls back to stories with some of the words when none has them all, and says so', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('dmz', { headline: 'South Korean crosses the DMZ', body: FILLER }),
      makeArticle('other', { headline: 'Kites', body: FILLER }),
    ]);
    expect(engine.searchNow(request('dmz crosses'))).toMatchObject({ total: 1, partial: false });
    expect(engine.searchNow(request('dmz crossing unicorn'))).toMatchObject({ total: 1, partial: true });
    // A phrase stays required even then.
    expect(engine.searchNow(request('"north korea" dmz unicorn')).total).toBe(0);
  });

  it('suggests a spelling the stories use for words none of them does, keeping the rest of the query', () => {
    const engine = MiniSearchEngine.of([makeArticle('hubble', { headline: 'Hubble finds galaxies', body: FILLER })]);
    expect(engine.searchNow(request('Hubbel "galaxies" -dmz')).correction).toBe('hubble "galaxies" -dmz');
    expect(engine.searchNow(request('hubble galaxy')).correction).toBeUndefined();
    expect(engine.searchNow(request('zzzzzzzz')).correction).toBeUndefined();
  });

  it('offers no spelling that would find nothing with the rest of the query', () => {
    const engine = MiniSearchEngine.of([
      makeArticle('border', { headline: 'Korean crosses the border', body: FILLER }),
      makeArticle('boats', { headline: 'Many boats', body: FILLER }),
    ]);
    // "man" is one letter from "many", but no story has "korean", "many" and "crosses".
    expect(engine.searchNow(request('korean man crosses'))).toMatchObject({ total: 1, partial: true, suggestion: undefined });
    expect(engine.searchNow(request('mamy boats'))).toMatchObject({ partial: true, suggestion: 'many boats' });
  });

  it('answers any input without throwing: markup, quotes, syntax, control characters, long and empty queries', () => {
    const engine = MiniSearchEngine.of([makeArticle('a', { headline: 'Script kiddies' })]);
    const inputs = ['<script>alert(1)</script>', '"""', '"', '-', '--', '- -"" "', `' OR 1=1 --`, 'a:b AND (c OR d)*~^', '\u0000\u202E', 'x'.repeat(5000), '', '🚀'];
    for (const input of inputs) expect(() => engine.searchNow(request(input))).not.toThrow();
    expect(slugs(engine, '<script>alert(1)</script>')).toEqual(['a']);
  });
});

describe('MiniSearchEngine.sync', () => {
  const edition = () => [
    makeArticle('kept', { headline: 'Lighthouse keepers', body: FILLER }),
    makeArticle('edited', { headline: 'Draft headline', body: FILLER }),
    makeArticle('withdrawn', { headline: 'Withdrawn story', body: FILLER }),
  ];

  it('adds new stories, re-indexes edited ones, forgets withdrawn ones and leaves the rest alone', () => {
    const engine = MiniSearchEngine.of(edition());
    const [kept, edited] = edition();
    const next: Article[] = [kept, { ...edited, headline: 'Corrected headline', revision: 'r-edited-2' }, makeArticle('published', { headline: 'Fresh story', body: FILLER })];
    const add = jest.spyOn(MiniSearch.prototype, 'add');
    expect(engine.sync(next)).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(add.mock.calls.map(([document]) => (document as { id: string }).id).sort()).toEqual(['/world/edited', '/world/published']);
    add.mockRestore();

    expect(slugs(engine, 'fresh')).toEqual(['published']);
    expect(slugs(engine, 'corrected')).toEqual(['edited']);
    expect(slugs(engine, 'draft')).toEqual([]);
    expect(slugs(engine, 'withdrawn')).toEqual([]);
    expect(slugs(engine, 'lighthouse')).toEqual(['kept']);
    expect(engine.size).toBe(3);
    // The hit is the current repository's article object, not the one first indexed.
    expect(engine.searchNow(request('lighthouse')).hits[0].article).toBe(kept);
  });

  it('stops suggesting the words of a withdrawn story', () => {
    const engine = MiniSearchEngine.of(edition());
    expect(engine.searchNow(request('withdrawm')).correction).toBe('withdrawn');
    engine.sync(edition().slice(0, 2));
    expect(engine.searchNow(request('withdrawm')).correction).not.toBe('withdrawn');
  });

  it('syncs a change to a 2,000-story index well within 2 s', () => {
    const articles = Array.from({ length: 2000 }, (_, i) => makeArticle(`story-${i}`, { headline: `Story number ${i}`, body: `${FILLER} ${i}` }));
    const engine = MiniSearchEngine.of(articles);
    const changed = [...articles.slice(1), makeArticle('breaking', { headline: 'Breaking news', body: FILLER })];
    const start = performance.now();
    engine.sync(changed);
    expect(slugs(engine, 'breaking')).toEqual(['breaking']);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
