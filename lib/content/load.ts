import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { imageSize } from 'image-size';
import YAML from 'yaml';
import type { z } from 'zod';
import { countWords, readingMinutes, slugify } from '../text';
import { ContentError, type ContentProblem } from './errors';
import {
  articleFrontMatterSchema,
  authorFrontMatterSchema,
  sectionsFileSchema,
  slugSchema,
  type PhotoFrontMatter,
} from './schema';
import type { Article, Author, Photo, Section, SiteContent, Tag } from './types';

export interface ContentDirs {
  /** Folder with sections.yml, authors/ and articles/. */
  contentDir: string;
  /** Folder that photo `src` paths are relative to (Next's public/). */
  publicDir: string;
}

/**
 * YAML 1.2 (the `yaml` package) keeps dates as the strings editors typed: js-yaml, gray-matter's
 * default, turns them into Date objects and loses the time-zone offset.
 */
const MATTER_OPTIONS = { engines: { yaml: (source: string) => YAML.parse(source) as object } };

/** Slugs that would collide with routes below a section. */
const RESERVED_SLUGS = new Set(['page', 'photos']);

function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? formatPath(issue.path) : 'front matter',
    problem: issue.message,
  }));
}

function formatPath(parts: PropertyKey[]): string {
  return parts
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
    .join('');
}

/** All *.md files below a folder, sorted, as paths relative to it: editors may use sub-folders. */
function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith('.md'))
    .sort();
}

function readFrontMatter(file: string, absolute: string, problems: ContentProblem[]) {
  try {
    return matter(fs.readFileSync(absolute, 'utf8'), MATTER_OPTIONS);
  } catch (error) {
    problems.push({ file, field: 'front matter', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

function loadSections(dirs: ContentDirs, problems: ContentProblem[]): Section[] {
  const file = 'sections.yml';
  const absolute = path.join(dirs.contentDir, file);
  if (!fs.existsSync(absolute)) {
    problems.push({ file, field: 'file', problem: 'is missing: list the sections as YAML (slug, name, description)' });
    return [];
  }
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (error) {
    problems.push({ file, field: 'file', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return [];
  }
  const parsed = sectionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error));
    return [];
  }
  return parsed.data;
}

function loadAuthors(dirs: ContentDirs, problems: ContentProblem[]): Author[] {
  const authorsDir = path.join(dirs.contentDir, 'authors');
  return markdownFiles(authorsDir).flatMap((name) => {
    const file = `authors/${name}`;
    const id = path.basename(name, '.md');
    const source = readFrontMatter(file, path.join(authorsDir, name), problems);
    if (!source) return [];
    const parsed = authorFrontMatterSchema.safeParse(source.data);
    const idOk = slugSchema.safeParse(id);
    if (!idOk.success) problems.push({ file, field: 'file name', problem: idOk.error.issues[0].message });
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      return [];
    }
    return [{ id, ...parsed.data, bio: source.content.trim(), path: `/author/${id}` }];
  });
}

/** Reads each photo's pixel size once, however many articles use it. */
function photoReader(publicDir: string) {
  const sizes = new Map<string, { width: number; height: number; bytes: number } | string>();
  return (file: string, field: string, photo: PhotoFrontMatter, problems: ContentProblem[]): Photo | undefined => {
    if (!sizes.has(photo.src)) {
      const absolute = path.join(publicDir, photo.src);
      try {
        const image = fs.readFileSync(absolute);
        const { width, height } = imageSize(image);
        sizes.set(photo.src, width && height ? { width, height, bytes: image.length } : 'has no readable width and height');
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        sizes.set(photo.src, missing ? `file public${photo.src} does not exist: add it or fix the path` : `is not a readable image: ${(error as Error).message}`);
      }
    }
    const size = sizes.get(photo.src)!;
    if (typeof size === 'string') {
      problems.push({ file, field: `${field}.src`, problem: size });
      return undefined;
    }
    return { ...photo, ...size };
  };
}

export function loadContent(dirs: ContentDirs): SiteContent {
  const problems: ContentProblem[] = [];
  const sections = loadSections(dirs, problems);
  const authors = loadAuthors(dirs, problems);
  const sectionIds = new Set(sections.map((s) => s.slug));
  const authorIds = new Set(authors.map((a) => a.id));
  const readPhoto = photoReader(dirs.publicDir);
  const tagNames = new Map<string, string>();
  const filesBySlug = new Map<string, string>();
  const articles: Article[] = [];
  const articlesDir = path.join(dirs.contentDir, 'articles');

  for (const name of markdownFiles(articlesDir)) {
    const file = `articles/${name}`;
    const slug = path.basename(name, '.md');
    const slugCheck = slugSchema.safeParse(slug);
    if (!slugCheck.success) problems.push({ file, field: 'file name', problem: slugCheck.error.issues[0].message });
    if (RESERVED_SLUGS.has(slug)) problems.push({ file, field: 'file name', problem: `"${slug}" is reserved for site pages: rename the file` });
    const earlier = filesBySlug.get(slug);
    if (earlier) problems.push({ file, field: 'slug', problem: `duplicates ${earlier}: every article needs a unique file name` });
    filesBySlug.set(slug, file);

    const source = readFrontMatter(file, path.join(articlesDir, name), problems);
    if (!source) continue;
    const parsed = articleFrontMatterSchema.safeParse(source.data);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    const data = parsed.data;
    const before = problems.length;
    if (!sectionIds.has(data.section)) {
      problems.push({ file, field: 'section', problem: `"${data.section}" is not a section in sections.yml (known: ${[...sectionIds].join(', ')})` });
    }
    data.authors.forEach((id, i) => {
      if (!authorIds.has(id)) problems.push({ file, field: `authors[${i}]`, problem: `"${id}" has no file authors/${id}.md` });
    });
    if (data.updated && Date.parse(data.updated) < Date.parse(data.published)) {
      problems.push({ file, field: 'updated', problem: `${data.updated} is before published ${data.published}: fix either time` });
    }
    const body = source.content.trim();
    if (!body) problems.push({ file, field: 'body', problem: 'is empty: write the article below the front matter' });
    const tagSlugs = data.tags.map(slugify);
    tagSlugs.forEach((tagSlug, i) => {
      if (!tagSlug) problems.push({ file, field: `tags[${i}]`, problem: 'needs at least one letter or digit to make a topic URL' });
    });
    const hero = readPhoto(file, 'hero', data.hero, problems);
    const gallery = data.gallery.map((photo, i) => readPhoto(file, `gallery[${i}]`, photo, problems));
    if (problems.length > before || !hero) continue;

    const tags: Tag[] = data.tags.map((tagName, i) => {
      const tagSlug = tagSlugs[i];
      if (!tagNames.has(tagSlug)) tagNames.set(tagSlug, tagName);
      return { slug: tagSlug, name: tagNames.get(tagSlug)! };
    });
    const wordCount = countWords(body);
    articles.push({
      slug,
      section: data.section,
      path: `/${data.section}/${slug}`,
      headline: data.headline,
      standfirst: data.standfirst,
      authors: data.authors,
      published: data.published,
      updated: data.updated,
      publishedTime: Date.parse(data.published),
      tags,
      hero,
      gallery: gallery as Photo[],
      related: data.related,
      syndication: data.syndication,
      body,
      wordCount,
      readingMinutes: readingMinutes(wordCount),
      sourceFile: file,
    });
  }

  // Curated picks can only be checked once every slug is known.
  for (const article of articles) {
    article.related.forEach((slug, i) => {
      if (slug === article.slug) {
        problems.push({ file: article.sourceFile, field: `related[${i}]`, problem: 'points at the article itself: remove it' });
      } else if (!filesBySlug.has(slug)) {
        problems.push({ file: article.sourceFile, field: `related[${i}]`, problem: `"${slug}" is not an article: check the slug in content/articles` });
      }
    });
  }

  if (problems.length) throw new ContentError(problems);
  articles.sort((a, b) => b.publishedTime - a.publishedTime || a.slug.localeCompare(b.slug));
  return { sections, authors, articles };
}
