import { cleanQueryText, hasSearchTerms, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery } from '@/lib/search/query';

const words = (input: string) => parseQuery(input).words.map((w) => w.word);

describe('parseQuery', () => {
  it('keeps the words a story should have, folded and stemmed, without stop words or repeats', () => {
    expect(parseQuery('The Ladybirds and LADYBIRD').words).toEqual([{ word: 'ladybirds', term: 'ladybird' }]);
    expect(words('Café  society')).toEqual(['cafe', 'society']);
  });

  it('reads quoted phrases, straight or curly, keeping their stop words in order', () => {
    const query = parseQuery('"the last leap second" “deep field” hubble');
    expect(query.phrases).toEqual([['the', 'last', 'leap', 'second'], ['deep', 'field']]);
    expect(words('"the last leap second" “deep field” hubble')).toEqual(['last', 'leap', 'second', 'deep', 'field', 'hubble']);
  });

  it('treats an unclosed quote as a phrase to the end, and a quoted single word as that word', () => {
    expect(parseQuery('"north korea').phrases).toEqual([['north', 'korea']]);
    expect(parseQuery('"hubble"')).toMatchObject({ phrases: [], words: [{ word: 'hubble' }] });
  });

  it('excludes -words and -"phrases", but a hyphen inside a word joins', () => {
    const query = parseQuery('coffee -seoul -"hand drip" open-studios');
    expect(query.excludedWords).toEqual([{ word: 'seoul', term: 'seoul' }]);
    expect(query.excludedPhrases).toEqual([['hand', 'drip']]);
    expect(query.words.map((w) => w.word)).toEqual(['coffee', 'open', 'studios']);
  });

  it('gives query-language and SQL syntax no meaning', () => {
    expect(words(`headline:dmz AND (north OR south)* ~2 ^3 ' OR 1=1; DROP TABLE articles; --`)).toEqual([
      'headline',
      'dmz',
      'north',
      'south',
      '2',
      '3',
      '1',
      'drop',
      'table',
      'articles',
    ]);
  });

  it(`keeps at most ${MAX_QUERY_TERMS} words`, () => {
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')).words).toHaveLength(MAX_QUERY_TERMS);
  });

  it('has nothing to search for when empty, only punctuation, stop words or exclusions', () => {
    for (const input of ['', '   ', '!!! ??', 'the and of', '-dmz', '"the of"']) expect(hasSearchTerms(parseQuery(input))).toBe(false);
    expect(hasSearchTerms(parseQuery('dmz -north'))).toBe(true);
  });
});

describe('cleanQueryText', () => {
  it('removes control and invisible formatting characters and collapses spaces', () => {
    expect(cleanQueryText('dmz\u0000\u0007 \u202Enorth\u200B\tkorea\r\n\u009F')).toEqual({ text: 'dmz north korea', truncated: false });
  });

  it(`cuts input to ${MAX_QUERY_LENGTH} characters without splitting an emoji`, () => {
    const { text, truncated } = cleanQueryText('🚀'.repeat(300));
    expect(truncated).toBe(true);
    expect(Array.from(text)).toHaveLength(MAX_QUERY_LENGTH);
    expect(text).toBe('🚀'.repeat(MAX_QUERY_LENGTH));
    expect(cleanQueryText('a'.repeat(MAX_QUERY_LENGTH)).truncated).toBe(false);
  });
});
