import { Vocabulary } from '@/lib/search/vocabulary';

describe('Vocabulary', () => {
  it('suggests the closest known word, then the one more stories use', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add(['hubble', 'bubble', 'dmz']);
    vocabulary.add(['bubble']);
    expect(vocabulary.correct('hubbel')).toBe('hubble');
    expect(vocabulary.correct('dmx')).toBe('dmz');
    // "gubble" is one edit from both: the word in more stories wins.
    expect(vocabulary.correct('gubble')).toBe('bubble');
  });

  it('allows one edit up to four letters and two beyond', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add(['kite', 'defection']);
    expect(vocabulary.correct('kate')).toBe('kite');
    expect(vocabulary.correct('kaet')).toBeUndefined();
    expect(vocabulary.correct('defecton')).toBe('defection');
    expect(vocabulary.correct('kite')).toBe('kite');
    expect(vocabulary.has('kite')).toBe(true);
    expect(vocabulary.has('kites')).toBe(false);
  });
});
