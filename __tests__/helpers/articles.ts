import type { Article, Photo } from '@/lib/content/types';
import { slugify } from '@/lib/text';

export const testPhoto: Photo = {
  src: '/photos/test.jpg',
  alt: 'A test photo',
  caption: 'A caption for the test photo.',
  credit: 'Jane Doe/CC0',
  width: 1600,
  height: 900,
  bytes: 12345,
};

const DAY = 86_400_000;
const BASE = Date.parse('2026-11-20T12:00:00Z');

/** An in-memory article; `day` is days after 20 November 2026 (negative for before). */
export function makeArticle(slug: string, overrides: Partial<Omit<Article, 'tags'>> & { tags?: string[]; day?: number } = {}): Article {
  const { tags = [], day = 0, ...rest } = overrides;
  const published = new Date(BASE + day * DAY).toISOString().replace('.000Z', 'Z');
  return {
    status: 'published',
    slug,
    section: 'world',
    path: `/${rest.section ?? 'world'}/${slug}`,
    headline: `Headline ${slug}`,
    standfirst: `Standfirst ${slug}`,
    authors: ['ann-lee'],
    published,
    publishedTime: Date.parse(published),
    tags: tags.map((name) => ({ slug: slugify(name), name })),
    hero: testPhoto,
    gallery: [],
    related: [],
    corrections: [],
    aliases: [],
    revision: `r-${slug}`,
    body: `Body ${slug}.`,
    wordCount: 2,
    readingMinutes: 1,
    sourceFile: `articles/${slug}.md`,
    ...rest,
  };
}

/**
 * The text of an article file in the valid fixture's terms (section world, author ann-lee),
 * front matter values written as YAML; `hero` adds the fixture's wide photo.
 */
export function articleFileText(slug: string, frontMatter: Record<string, string> = {}, { hero = false } = {}): string {
  const fields = {
    section: 'world',
    headline: `Headline of ${slug}`,
    standfirst: 'A standfirst.',
    authors: '[ann-lee]',
    published: '2026-11-23T09:00:00+00:00',
    tags: '[Diplomacy]',
    ...frontMatter,
  };
  const photo = hero ? 'hero:\n  src: /photos/wide.jpg\n  alt: A wide photo\n  caption: The caption.\n  credit: Test/CC0\n' : '';
  return `---\n${Object.entries(fields).map(([key, value]) => `${key}: ${value}`).join('\n')}\n${photo}---\nBody of ${slug}.\n`;
}
