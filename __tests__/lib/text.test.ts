import { countWords, readingMinutes, slugify } from '@/lib/text';

describe('slugify', () => {
  it.each([
    ['Korean Peninsula', 'korean-peninsula'],
    ['  Café & Bar  ', 'cafe-bar'],
    ['Москва', 'москва'],
    ['<b>Tag</b> & "Co" 2', 'b-tag-b-co-2'],
    ['🚀', ''],
  ])('%s -> %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('reading time', () => {
  it('counts words in any script and rounds to whole minutes, at least one', () => {
    expect(countWords("It's a well-known fact: Москва is big.")).toBe(7);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
  });

  it.each([
    ['', 0],
    ["'quoted' -dash- rock’n’roll", 3],
    ['x-ray 3.5 déjà-vu ’tis', 5],
    ['𝐀𝐁 and 𠀀𠀁 (astral letters) 🚀 ٣٤', 6],
    ['日本語のテキスト', 1],
  ])('counts %j as %d words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('counts exactly the runs of letters and digits that go on through apostrophes and hyphens', () => {
    const pieces = ['a', 'Z', '9', ' ', "'", '’', '-', '.', 'é', 'ж', '٣', '日', '𝐀', '🚀', '\n', '—', '_'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let run = 0; run < 2000; run++) {
      const text = Array.from({ length: next() % 40 }, () => pieces[next() % pieces.length]).join('');
      expect(countWords(text)).toBe(text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0);
    }
  });
});
