import fs from 'node:fs';
import path from 'node:path';
import { fontCodePoints } from '@/lib/og/font-coverage';
import { coveredCodePoints, fontStack } from '@/lib/og/fonts';

const font = (file: string) => fs.readFileSync(path.join(process.cwd(), 'lib', 'og', 'fonts', file));
const code = (char: string) => char.codePointAt(0)!;

describe('fontCodePoints', () => {
  it('reads the characters a WOFF subset really has', () => {
    const latin = fontCodePoints(font('inter-latin-400-normal.woff'));
    expect(latin.has(code('A'))).toBe(true);
    expect(latin.has(code('€'))).toBe(true);
    expect(latin.has(code('Ж'))).toBe(false);
    const cyrillic = fontCodePoints(font('inter-cyrillic-400-normal.woff'));
    expect(cyrillic.has(code('Ж'))).toBe(true);
    expect(cyrillic.has(code('λ'))).toBe(false);
  });

  it('refuses WOFF2, which it cannot decompress', () => {
    const woff2 = fs.readFileSync(path.join(process.cwd(), 'node_modules', '@fontsource', 'inter', 'files', 'inter-latin-400-normal.woff2'));
    expect(() => fontCodePoints(woff2)).toThrow(/WOFF2/);
  });
});

describe('card fonts', () => {
  it('cover Latin, Greek and Cyrillic but not CJK, Arabic or emoji', () => {
    for (const char of 'Aé Łódź ΑΩ άλφα Жж Ёё —“”…') if (char !== ' ') expect(coveredCodePoints.has(code(char))).toBe(true);
    for (const char of '東ع🎉') expect(coveredCodePoints.has(code(char))).toBe(false);
  });

  it('stack every subset under one role, Latin first', () => {
    expect(fontStack('serif').split(', ')).toEqual(['card-serif-latin', 'card-serif-latin-ext', 'card-serif-greek', 'card-serif-cyrillic']);
  });
});
