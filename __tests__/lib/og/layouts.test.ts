import { headlineStyle } from '@/lib/og/layouts';

describe('headlineStyle', () => {
  it('sets short headlines large and long ones smaller, with more lines', () => {
    const short = headlineStyle('Rain at last');
    const long = headlineStyle('x '.repeat(80));
    expect(short.fontSize).toBeGreaterThan(long.fontSize);
    expect(long.lines).toBeGreaterThan(short.lines);
  });

  it('never lets the clamped headline grow taller than the text column', () => {
    for (const length of [10, 60, 100, 400]) {
      const { fontSize, lines } = headlineStyle('x'.repeat(length));
      expect(fontSize * 1.15 * lines).toBeLessThanOrEqual(630 - 2 * 48 - 12 - 34 - 22 - 2 * 40);
    }
  });
});
