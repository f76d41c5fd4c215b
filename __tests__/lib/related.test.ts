import { buildRelatedIndex, defaultRelatedOptions, TermCounter } from '@/lib/content/related';
import { decodePicks, picksAmong } from '@/lib/content/related-ranking';
import type { Article } from '@/lib/content/types';
import { makeArticle } from '../helpers/articles';

const slugsOf = (index: ReturnType<typeof buildRelatedIndex>, slug: string) => index.get(slug)!.map((s) => s.article.slug);

describe('buildRelatedIndex', () => {
  it('never relates an article to itself and caps the sidebar at six', () => {
    const articles = Array.from({ length: 10 }, (_, i) => makeArticle(`story-${i}`, { tags: ['Space'], day: i }));
    const index = buildRelatedIndex(articles);
    for (const article of articles) {
      const related = slugsOf(index, article.slug);
      expect(related).not.toContain(article.slug);
      expect(related).toHaveLength(defaultRelatedOptions.max);
    }
  });

  it('puts curated picks first, in the editor’s order', () => {
    const articles = [
      makeArticle('main', { tags: ['Space'], related: ['unrelated-b', 'unrelated-a'] }),
      makeArticle('close-match', { tags: ['Space'] }),
      makeArticle('unrelated-a', { section: 'culture', tags: ['Film'] }),
      makeArticle('unrelated-b', { section: 'culture', tags: ['Music'] }),
    ];
    const related = buildRelatedIndex(articles).get('main')!;
    expect(related.map((s) => s.article.slug).slice(0, 3)).toEqual(['unrelated-b', 'unrelated-a', 'close-match']);
    expect(related[0].reason).toEqual({ kind: 'curated' });
  });

  it('weights a shared rare tag above a shared common one', () => {
    const common = Array.from({ length: 8 }, (_, i) => makeArticle(`filler-${i}`, { section: 'culture', tags: ['Politics'], day: -20 }));
    const articles = [
      makeArticle('main', { tags: ['Politics', 'Demilitarised Zone'] }),
      makeArticle('shares-common', { tags: ['Politics'], day: 1 }),
      makeArticle('shares-rare', { tags: ['Demilitarised Zone'], day: 1 }),
      ...common,
    ];
    const related = slugsOf(buildRelatedIndex(articles), 'main');
    expect(related.indexOf('shares-rare')).toBeLessThan(related.indexOf('shares-common'));
  });

  it('prefers the story nearer in time when relevance is equal', () => {
    const articles = [
      makeArticle('main', { tags: ['Space'] }),
      makeArticle('old', { tags: ['Space'], day: -90 }),
      makeArticle('recent', { tags: ['Space'], day: -2 }),
    ];
    expect(slugsOf(buildRelatedIndex(articles), 'main').slice(0, 2)).toEqual(['recent', 'old']);
  });

  it('breaks exact ties by newest first, then by slug', () => {
    const articles = [
      makeArticle('main', { tags: ['Space'], day: 0 }),
      makeArticle('b-twin', { tags: ['Space'], day: 3 }),
      makeArticle('a-twin', { tags: ['Space'], day: 3 }),
      makeArticle('c-twin', { tags: ['Space'], day: -3 }),
    ];
    expect(slugsOf(buildRelatedIndex(articles), 'main')).toEqual(['a-twin', 'b-twin', 'c-twin']);
    // Input order must not matter.
    expect(slugsOf(buildRelatedIndex([...articles].reverse()), 'main')).toEqual(['a-twin', 'b-twin', 'c-twin']);
  });

  it('finds stories with similar text even without shared tags', () => {
    const text = 'Astronomers measured the telescope mirror alignment near the observatory on the volcano.';
    const articles = [
      makeArticle('main', { section: 'science', tags: ['Astronomy'], body: text }),
      makeArticle('similar', { section: 'science', tags: ['Engineering'], body: `${text} Engineers agreed.` }),
      makeArticle('other-a', { section: 'culture', tags: ['Film'], body: 'A film festival opened with a comedy about bakers.' }),
      makeArticle('other-b', { section: 'culture', tags: ['Music'], body: 'An orchestra toured small towns with folk songs.' }),
    ];
    const related = buildRelatedIndex(articles).get('main')!;
    expect(related[0].article.slug).toBe('similar');
    expect(related[0].reason).toEqual({ kind: 'similar' });
  });

  it('ignores a faint text overlap and fills from the section instead', () => {
    const articles = [
      makeArticle('main', { tags: ['Astronomy'], body: 'Astronomers watched a comet pass the observatory dome at dawn.' }),
      makeArticle('faint', { section: 'culture', tags: ['Film'], body: 'A film about bakers, with one scene set at dawn, opened the festival.' }),
      ...['a', 'b', 'c', 'd'].map((x, i) => makeArticle(`world-${x}`, { tags: [`Other ${x}`], day: -i - 1, body: `${x} festival comet review` })),
    ];
    const related = slugsOf(buildRelatedIndex(articles), 'main');
    expect(related).not.toContain('faint');
    expect(related).toEqual(['world-a', 'world-b', 'world-c', 'world-d']);
  });

  it('tops up from the newest stories anywhere when the section is too small', () => {
    const articles = [
      makeArticle('main', { tags: ['Unique Topic'] }),
      makeArticle('world-peer', { tags: ['Other'], day: -1 }),
      ...['a', 'b', 'c'].map((x, i) => makeArticle(`culture-${x}`, { section: 'culture', tags: [`Film ${x}`], day: i })),
    ];
    const related = buildRelatedIndex(articles).get('main')!;
    expect(related.map((s) => [s.article.slug, s.reason.kind])).toEqual([
      ['world-peer', 'section'],
      ['culture-c', 'latest'],
      ['culture-b', 'latest'],
      ['culture-a', 'latest'],
    ]);
  });

  it('explains the shared topics, rarest first', () => {
    const articles = [
      makeArticle('main', { tags: ['Politics', 'Demilitarised Zone'] }),
      makeArticle('both', { tags: ['Politics', 'Demilitarised Zone'] }),
      makeArticle('politics-1', { tags: ['Politics'] }),
      makeArticle('politics-2', { tags: ['Politics'] }),
    ];
    const reason = buildRelatedIndex(articles).get('main')![0].reason;
    expect(reason).toEqual({
      kind: 'topics',
      topics: [
        { slug: 'demilitarised-zone', name: 'Demilitarised Zone' },
        { slug: 'politics', name: 'Politics' },
      ],
    });
  });

  it('fills a thin sidebar with the newest stories of the same section', () => {
    const articles = [
      makeArticle('main', { tags: ['Unique Topic'] }),
      ...Array.from({ length: 5 }, (_, i) => makeArticle(`world-${i}`, { tags: [`Other ${i}`], day: i })),
      makeArticle('culture-story', { section: 'culture', tags: ['Film'], day: 9 }),
    ];
    const related = buildRelatedIndex(articles).get('main')!;
    expect(related).toHaveLength(defaultRelatedOptions.min);
    expect(related.map((s) => s.article.slug)).toEqual(['world-4', 'world-3', 'world-2', 'world-1']);
    expect(related.every((s) => s.reason.kind === 'section')).toBe(true);
  });
});

describe('TermCounter', () => {
  it('drops stop words, short words and numbers, and weights the headline', () => {
    const counter = new TermCounter();
    const { terms, counts } = counter.count({ headline: 'Volcano erupts', standfirst: 'The volcano', body: 'It is a volcano of ash in 2026.' });
    const byWord = Object.fromEntries(terms.map((id, i) => [counter.words[id], counts[i]]));
    expect(byWord).toEqual({ volcano: 3 + 2 + 1, erupts: 3, ash: 1 });
  });

  it('gives a word the same id in every article', () => {
    const counter = new TermCounter();
    const first = counter.count({ headline: 'Volcano', standfirst: '', body: '' });
    const second = counter.count({ headline: 'Quiet volcano', standfirst: '', body: '' });
    expect(second.terms).toContain(first.terms[0]);
    expect(second.counts[second.terms.indexOf(first.terms[0])]).toBe(3);
  });
});

describe('ranked picks as one string', () => {
  it('keeps each ranked pick and its shared topics, in order, and leaves out fillers', () => {
    const story = (slug: string) => ({ slug }) as Article;
    const encoded = picksAmong([
      { article: story('storm-hits-coast'), reason: { kind: 'topics', topics: [{ slug: 'weather', name: 'Weather' }, { slug: 'uk', name: 'UK' }] }, score: 2 },
      { article: story('flood-warning'), reason: { kind: 'similar' }, score: 1 },
      { article: story('latest-news'), reason: { kind: 'latest' }, score: 0 },
    ]);
    expect(encoded).toBe('storm-hits-coast:weather,uk flood-warning');
    expect(decodePicks(encoded)).toEqual([{ slug: 'storm-hits-coast', topics: ['weather', 'uk'] }, { slug: 'flood-warning' }]);
    expect(decodePicks(picksAmong([]))).toEqual([]);
  });
});
