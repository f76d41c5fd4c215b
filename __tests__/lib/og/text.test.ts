import { drawableText, truncateText } from '@/lib/og/text';

const latinOnly = new Set([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.!?:’'].map((c) => c.codePointAt(0)!));

describe('drawableText', () => {
  it('keeps covered text as it is', () => {
    expect(drawableText('Rain, at last.', latinOnly)).toBe('Rain, at last.');
  });

  it('drops emoji, including joined sequences and flags, and closes the gaps', () => {
    expect(drawableText('Fans 🎉 cheer 👨‍👩‍👧‍👦 the win 🇯🇵!', latinOnly)).toBe('Fans cheer the win!');
  });

  it('drops uncovered scripts and collapses whitespace', () => {
    expect(drawableText('  Tokyo 東京\n\tsummit  ', latinOnly)).toBe('Tokyo summit');
  });

  it('returns an empty string when nothing is drawable', () => {
    expect(drawableText('記者会見 🎤', latinOnly)).toBe('');
  });

  it('composes decomposed accents before checking coverage', () => {
    const withE = new Set([...latinOnly, 'é'.codePointAt(0)!]);
    expect(drawableText('Cafe\u0301 talks', withE)).toBe('Café talks');
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('Short headline', 40)).toBe('Short headline');
  });

  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const cut = truncateText('Parliament votes on the budget after a night of talks', 30);
    expect(cut).toBe('Parliament votes on the…');
    expect([...cut].length).toBeLessThanOrEqual(30);
  });

  it('cuts inside an unbroken word rather than returning almost nothing', () => {
    expect(truncateText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(truncateText('Ωμέγα '.repeat(10), 12)).toBe('Ωμέγα Ωμέγα…');
  });
});
