/**
 * Writes a generated content folder of N articles (for benchmarks and the large-site build),
 * reusing the real sections, authors and photos. Deterministic for a given seed.
 *
 *   npx tsx scripts/synthetic-site.ts <count> <out-dir>
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { contentLocations } from '../lib/content/locations';
import { getContent } from '../lib/content/repository';
import type { PhotoFrontMatter } from '../lib/content/schema';

/** A seeded pseudo-random generator (a linear congruential one): the same numbers in [0, 1) for the same seed. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = 'ka lo mi ra te su no pe vi da re shi to ba lu ne mo ki sa po'.split(' ');

/** A vocabulary of pronounceable made-up words, used Zipf-style like real text. */
function vocabulary(next: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    words.add(Array.from({ length: 2 + Math.floor(next() * 3) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

/** A generated story as an editor would write it: front matter and a Markdown body. */
export interface SyntheticStory {
  slug: string;
  frontMatter: {
    section: string;
    headline: string;
    standfirst: string;
    authors: string[];
    published: string;
    tags: string[];
    hero: PhotoFrontMatter;
    gallery: PhotoFrontMatter[];
  };
  body: string;
}

/** N generated stories, the same ones for the same seed, using the real sections, authors and photos. */
export function* syntheticStories(count: number, seed = 42): Generator<SyntheticStory> {
  const content = getContent();
  const photos = [...new Map(content.articles.flatMap((a) => [...(a.hero ? [a.hero] : []), ...a.gallery]).map((p) => [p.src, p])).values()];
  const tags = Array.from({ length: 300 }, (_, i) => `Topic ${i}`);
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  // Zipf-like: a few topics are common, most are rare, as on a real site.
  const pickTag = () => tags[Math.floor(tags.length * next() ** 2.5)];
  const words = vocabulary(next, 20_000);
  const pickWord = () => words[Math.floor(words.length * next() ** 3)];
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(next() * 10) }, pickWord);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const photoFrontMatter = ({ src, alt, caption, credit }: PhotoFrontMatter) => ({ src, alt, caption, credit });

  const start = Date.parse('2026-11-25T12:00:00Z');
  for (let i = 0; i < count; i++) {
    const hero = pick(photos);
    const frontMatter = {
      section: pick(content.sections).slug,
      headline: sentence().slice(0, 120),
      standfirst: `${sentence()} ${sentence()}`,
      authors: [pick(content.authors).id],
      published: new Date(start - Math.floor(next() * 365 * 86_400_000)).toISOString().replace(/\.\d+Z$/, 'Z'),
      tags: [...new Set(Array.from({ length: 2 + Math.floor(next() * 4) }, pickTag))],
      hero: photoFrontMatter(hero),
      gallery: Array.from({ length: Math.floor(next() * 4) }, () => photoFrontMatter(pick(photos))),
    };
    const body = Array.from({ length: 6 + Math.floor(next() * 8) }, () => Array.from({ length: 3 }, sentence).join(' ')).join('\n\n');
    yield { slug: `generated-${i}`, frontMatter, body };
  }
}

/** What a benchmark needs to know of a written story to request it. */
export interface WrittenStory {
  slug: string;
  section: string;
  headline: string;
  published: string;
}

/** Writes the folder; returns its stories in the order written. */
export function writeSyntheticSite(count: number, outDir: string, seed = 42): WrittenStory[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'articles'), { recursive: true });
  const sourceDir = process.env.CONTENT_DIR ?? path.join(process.cwd(), 'content');
  fs.copyFileSync(path.join(sourceDir, 'sections.yml'), path.join(outDir, 'sections.yml'));
  fs.cpSync(path.join(sourceDir, 'authors'), path.join(outDir, 'authors'), { recursive: true });
  // The generated stories reuse the site's photos: the photos folder is shared, not copied.
  fs.symlinkSync(contentLocations().photosDir, path.join(outDir, 'photos'));
  const written: WrittenStory[] = [];
  for (const { slug, frontMatter, body } of syntheticStories(count, seed)) {
    fs.writeFileSync(path.join(outDir, 'articles', `${slug}.md`), `---\n${YAML.stringify(frontMatter)}---\n${body}\n`);
    written.push({ slug, section: frontMatter.section, headline: frontMatter.headline, published: frontMatter.published });
  }
  return written;
}

if (require.main === module) {
  const [count, outDir] = process.argv.slice(2);
  if (!count || !outDir) throw new Error('usage: tsx scripts/synthetic-site.ts <count> <out-dir>');
  writeSyntheticSite(Number(count), path.resolve(outDir));
  console.log(`wrote ${count} articles to ${outDir}`);
}
