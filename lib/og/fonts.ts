import fs from 'node:fs';
import path from 'node:path';
import { fontCodePoints } from './font-coverage';

type Weight = 400 | 600 | 700;

interface CardFont {
  name: string;
  data: Buffer;
  weight: Weight;
  style: 'normal';
}

const subsets = ['latin', 'latin-ext', 'greek', 'cyrillic'] as const;

const families = {
  serif: { file: 'source-serif-4', weights: [700] },
  sans: { file: 'inter', weights: [400, 600] },
} as const satisfies Record<string, { file: string; weights: Weight[] }>;

type CardFontRole = keyof typeof families;

/**
 * satori keeps one font per family name and weight, so each Unicode subset file gets its own
 * family name; `fontStack` lists them so a Greek or Cyrillic letter falls back within the role.
 */
function familyName(role: CardFontRole, subset: (typeof subsets)[number]): string {
  return `card-${role}-${subset}`;
}

export function fontStack(role: CardFontRole): string {
  return subsets.map((subset) => familyName(role, subset)).join(', ');
}

/** Read once per process, at module load: a card render never waits for the disk or the network. */
const fontsDir = path.join(process.cwd(), 'lib', 'og', 'fonts');
export const cardFonts: CardFont[] = (Object.keys(families) as CardFontRole[]).flatMap((role) =>
  subsets.flatMap((subset) =>
    families[role].weights.map((weight) => ({
      name: familyName(role, subset),
      data: fs.readFileSync(path.join(fontsDir, `${families[role].file}-${subset}-${weight}-normal.woff`)),
      weight,
      style: 'normal' as const,
    })),
  ),
);

/** Every code point some card font can draw; anything else would make satori fetch a font. */
export const coveredCodePoints: ReadonlySet<number> = new Set(cardFonts.flatMap((font) => [...fontCodePoints(font.data)]));
