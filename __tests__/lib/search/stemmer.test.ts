import { porterStem } from '@/lib/search/stemmer';

describe('porterStem', () => {
  // Words and stems from Porter's paper and from his published vocabulary and output files.
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['ties', 'ti'],
    ['caress', 'caress'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['bled', 'bled'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['troubled', 'troubl'],
    ['sized', 'size'],
    ['hopping', 'hop'],
    ['tanned', 'tan'],
    ['falling', 'fall'],
    ['hissing', 'hiss'],
    ['fizzed', 'fizz'],
    ['failing', 'fail'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['sky', 'sky'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['rational', 'ration'],
    ['digitizer', 'digit'],
    ['operator', 'oper'],
    ['feudalism', 'feudal'],
    ['decisiveness', 'decis'],
    ['hopefulness', 'hope'],
    ['callousness', 'callous'],
    ['triplicate', 'triplic'],
    ['formative', 'form'],
    ['formalize', 'formal'],
    ['electrical', 'electr'],
    ['goodness', 'good'],
    ['revival', 'reviv'],
    ['allowance', 'allow'],
    ['inference', 'infer'],
    ['airliner', 'airlin'],
    ['adjustable', 'adjust'],
    ['defensible', 'defens'],
    ['irritant', 'irrit'],
    ['replacement', 'replac'],
    ['adjustment', 'adjust'],
    ['dependent', 'depend'],
    ['adoption', 'adopt'],
    ['communism', 'commun'],
    ['activate', 'activ'],
    ['effective', 'effect'],
    ['bowdlerize', 'bowdler'],
    ['probate', 'probat'],
    ['rate', 'rate'],
    ['cease', 'ceas'],
    ['controlling', 'control'],
    ['generalizations', 'gener'],
    ['oscillators', 'oscil'],
    ['connections', 'connect'],
  ])('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('gives singular and plural, and the forms of a verb, the same stem', () => {
    expect(porterStem('ladybirds')).toBe(porterStem('ladybird'));
    expect(porterStem('galaxies')).toBe(porterStem('galaxy'));
    expect(porterStem('defection')).toBe(porterStem('defects'));
    expect(new Set(['crossing', 'crossed', 'crosses', 'cross'].map(porterStem))).toEqual(new Set(['cross']));
  });

  it('keeps "-ion" after a letter other than s or t, and short words, as they are', () => {
    expect(porterStem('onion')).toBe('onion');
    expect(porterStem('is')).toBe('is');
    expect(porterStem('dmz')).toBe('dmz');
  });

  it('leaves numbers, capitals and other scripts alone', () => {
    expect(porterStem('2035')).toBe('2035');
    expect(porterStem('l1')).toBe('l1');
    expect(porterStem('привет')).toBe('привет');
  });
});
