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
});
