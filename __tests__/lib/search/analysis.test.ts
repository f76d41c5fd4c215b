import { foldWord, termOf, tokenize } from '@/lib/search/analysis';

describe('tokenize', () => {
  it('splits on everything but letters and digits and keeps the offsets of the original text', () => {
    const text = 'Hubble’s eXtreme Deep-Field, 2012!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['hubble', 's', 'extreme', 'deep', 'field', '2012']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Hubble', 's', 'eXtreme', 'Deep', 'Field', '2012']);
  });

  it('folds case and accents but keeps other scripts', () => {
    expect(tokenize('Café Begoña Москва Ελληνικά').map((t) => t.word)).toEqual(['cafe', 'begona', 'москва', 'ελληνικα']);
    expect(foldWord('ÉCOLE')).toBe('ecole');
  });

  it('finds no word in markup-free punctuation, emoji or empty text', () => {
    expect(tokenize('🚀🔥 — !!! ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('termOf', () => {
  it('stems words and drops stop words and lone letters, but keeps lone digits', () => {
    expect(termOf('ladybirds')).toBe('ladybird');
    expect(termOf('the')).toBeUndefined();
    expect(termOf('s')).toBeUndefined();
    expect(termOf('9')).toBe('9');
  });
});
