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

describe('Vocabulary.within', () => {
  /** Plain Levenshtein distance, the reference. */
  function distance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = row;
    }
    return previous[b.length];
  }

  it('finds exactly the words within the distance, closest and commonest first, in sorted and recently added words alike', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const word = () => Array.from({ length: 2 + Math.floor(next() * 6) }, () => 'abcde'[Math.floor(next() * 5)]).join('');
    const words = Array.from({ length: 3000 }, word);
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    // Most words read in sorted, the rest added one story at a time (kept apart until merged).
    const vocabulary = Vocabulary.of([...counts].slice(0, 1500));
    for (const [w, n] of [...counts].slice(1500)) vocabulary.add(Array(n).fill(w));
    expect(vocabulary.size).toBe(counts.size);
    for (let i = 0; i < 100; i++) {
      const query = word();
      const edits = 1 + (i % 2);
      const expected = [...counts]
        .map(([w, stories]) => ({ word: w, edits: distance(w, query), stories }))
        .filter((found) => found.edits <= edits)
        .sort((a, b) => a.edits - b.edits || b.stories - a.stories || (a.word < b.word ? -1 : 1));
      expect(vocabulary.within(query, edits)).toEqual(expected);
    }
  });
});
