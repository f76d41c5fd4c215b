import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { imageSize } from 'image-size';
import YAML from 'yaml';
import type { z } from 'zod';
import { countWords, readingMinutes, slugify } from '../text';
import { ContentError, formatPath, type ContentProblem } from './errors';
import {
  articleFrontMatterSchema,
  authorFrontMatterSchema,
  sectionsFileSchema,
  slugSchema,
  type PhotoFrontMatter,
} from './schema';
import type { ContentDirs } from './locations';
import type { Article, Author, Photo, Section, SiteContent, Tag } from './types';

export type { ContentDirs };

/**
 * YAML 1.2 (the `yaml` package) keeps dates as the strings editors typed: js-yaml, gray-matter's
 * default, turns them into Date objects and loses the time-zone offset.
 */
export const MATTER_OPTIONS = { engines: { yaml: (source: string) => YAML.parse(source) as object } };

/** Slugs that would collide with routes below a section. */
export const RESERVED_SLUGS = new Set(['page', 'photos']);

function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? formatPath(issue.path) : 'front matter',
    problem: issue.message,
  }));
}

/** The folder's order (readdir names sorted as strings), which every source uses. */
function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One content document as a source holds it: its path as in the content folder
 * ("articles/2026/x.md", "authors/mina-park.md", "sections.yml") and its text. The folder source
 * reads files; the PostgreSQL source (lib/content/postgres.ts) reads rows holding the same text,
 * so both go through the one validation below and give the same content, the same problems
 * and the same pages.
 */
export interface RawDocument {
  file: string;
  text: string;
}

/** Everything a content version is made of, before validation. */
export interface RawContent {
  /** The sections.yml text; undefined when there is none. */
  sections?: string;
  authors: RawDocument[];
  articles: RawDocument[];
  /** Documents a source could not read (a file removed mid-read, unreadable bytes). */
  unreadable?: ContentProblem[];
}

/** All *.md files below a folder, sorted, as paths relative to it: editors may use sub-folders. */
function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith('.md'))
    .sort();
}

/** The content folder as raw documents (the default source). */
export function readContentFolder(contentDir: string): RawContent {
  const unreadable: ContentProblem[] = [];
  const read = (folder: 'authors' | 'articles'): RawDocument[] =>
    markdownFiles(path.join(contentDir, folder)).flatMap((name) => {
      const file = `${folder}/${name}`;
      try {
        return [{ file, text: fs.readFileSync(path.join(contentDir, folder, name), 'utf8') }];
      } catch (error) {
        unreadable.push({ file, field: 'front matter', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
        return [];
      }
    });
  let sections: string | undefined;
  try {
    sections = fs.readFileSync(path.join(contentDir, 'sections.yml'), 'utf8');
  } catch {
    sections = undefined;
  }
  return { sections, authors: read('authors'), articles: read('articles'), unreadable };
}

function parseFrontMatter({ file, text }: RawDocument, problems: ContentProblem[]) {
  try {
    // gray-matter caches by input text and hands back the same object: copy what we keep.
    const { data, content } = matter(text, MATTER_OPTIONS);
    return { data, content, text };
  } catch (error) {
    problems.push({ file, field: 'front matter', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

function loadSections(text: string | undefined, problems: ContentProblem[]): Section[] {
  const file = 'sections.yml';
  if (text === undefined) {
    problems.push({ file, field: 'file', problem: 'is missing: list the sections as YAML (slug, name, description)' });
    return [];
  }
  let raw: unknown;
  try {
    raw = YAML.parse(text);
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

/** The slug a document's path gives it: its file name without the folder and `.md`. */
export function slugOfFile(file: string): string {
  return path.posix.basename(file, '.md');
}

function loadAuthors(documents: RawDocument[], problems: ContentProblem[]): Author[] {
  return documents.flatMap((document) => {
    const { file } = document;
    const id = slugOfFile(file);
    const source = parseFrontMatter(document, problems);
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
function photoReader(photosDir: string) {
  const sizes = new Map<string, { width: number; height: number; bytes: number } | string>();
  return (file: string, field: string, photo: PhotoFrontMatter, problems: ContentProblem[]): Photo | undefined => {
    if (!sizes.has(photo.src)) {
      const absolute = path.join(photosDir, photo.src.slice('/photos/'.length));
      try {
        const image = fs.readFileSync(absolute);
        const { width, height } = imageSize(image);
        sizes.set(photo.src, width && height ? { width, height, bytes: image.length } : 'has no readable width and height');
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        sizes.set(photo.src, missing ? `file photos/${photo.src.slice('/photos/'.length)} does not exist: add it to the photos folder or fix the path` : `is not a readable image: ${(error as Error).message}`);
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

/** Validated content, or a ContentError listing every problem (builds, checks and tests). */
export function loadContent(dirs: ContentDirs): SiteContent {
  const { content, problems } = loadContentVersion(dirs);
  if (problems.length) throw new ContentError(problems);
  return content;
}

/**
 * Every file of the content folder read and checked. `content` holds what is valid, leaving out
 * each file with a problem; the live site only swaps to it when `problems` is empty
 * (lib/content/live.ts).
 */
export function loadContentVersion(dirs: ContentDirs): { content: SiteContent; problems: ContentProblem[] } {
  return validateContent(readContentFolder(dirs.contentDir), dirs.photosDir);
}

/**
 * The one validation of a content version, whatever store it came from: every document parsed
 * and checked, then cross-checked as a whole (sections, authors, photos in the shared photos
 * folder, related picks, old URLs, unique slugs).
 */
export function validateContent(raw: RawContent, photosDir: string): { content: SiteContent; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [...(raw.unreadable ?? [])];
  const sections = loadSections(raw.sections, problems);
  const authors = loadAuthors([...raw.authors].sort((x, y) => compareFiles(x.file, y.file)), problems);
  const sectionIds = new Set(sections.map((s) => s.slug));
  const authorIds = new Set(authors.map((a) => a.id));
  const readPhoto = photoReader(photosDir);
  const tagNames = new Map<string, string>();
  const filesBySlug = new Map<string, string>();
  const articles: Article[] = [];

  for (const document of [...raw.articles].sort((x, y) => compareFiles(x.file, y.file))) {
    const { file } = document;
    const slug = slugOfFile(file);
    const slugCheck = slugSchema.safeParse(slug);
    if (!slugCheck.success) problems.push({ file, field: 'file name', problem: slugCheck.error.issues[0].message });
    if (RESERVED_SLUGS.has(slug)) problems.push({ file, field: 'file name', problem: `"${slug}" is reserved for site pages: rename the file` });
    const earlier = filesBySlug.get(slug);
    if (earlier) problems.push({ file, field: 'slug', problem: `duplicates ${earlier}: every article needs a unique file name` });
    filesBySlug.set(slug, file);

    const source = parseFrontMatter(document, problems);
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
    if (!data.authors.length && !data.byline) {
      problems.push({ file, field: 'authors', problem: 'needs at least one author id, or a byline for a wire story' });
    }
    if (data.updated && Date.parse(data.updated) < Date.parse(data.published)) {
      problems.push({ file, field: 'updated', problem: `${data.updated} is before published ${data.published}: fix either time` });
    }
    if (data.withdrawnReason && data.status !== 'withdrawn') {
      problems.push({ file, field: 'withdrawnReason', problem: 'is only shown for a withdrawn story: set status: withdrawn or remove it' });
    }
    data.corrections.forEach((correction, i) => {
      if (Date.parse(correction.date) < Date.parse(data.published)) {
        problems.push({ file, field: `corrections[${i}].date`, problem: `${correction.date} is before published ${data.published}: fix the date` });
      }
    });
    data.aliases.forEach((alias, i) => {
      if (alias === `/${data.section}/${slug}`) problems.push({ file, field: `aliases[${i}]`, problem: 'is the story\'s own URL: remove it' });
    });
    const body = source.content.trim();
    if (!body) problems.push({ file, field: 'body', problem: 'is empty: write the article below the front matter' });
    const tagSlugs = data.tags.map(slugify);
    tagSlugs.forEach((tagSlug, i) => {
      if (!tagSlug) problems.push({ file, field: `tags[${i}]`, problem: 'needs at least one letter or digit to make a topic URL' });
    });
    const hero = data.hero && readPhoto(file, 'hero', data.hero, problems);
    const gallery = data.gallery.map((photo, i) => readPhoto(file, `gallery[${i}]`, photo, problems));
    if (problems.length > before) continue;

    const tags: Tag[] = data.tags.map((tagName, i) => {
      const tagSlug = tagSlugs[i];
      if (!tagNames.has(tagSlug)) tagNames.set(tagSlug, tagName);
      return { slug: tagSlug, name: tagNames.get(tagSlug)! };
    });
    const wordCount = countWords(body);
    articles.push({
      status: data.status,
      withdrawnReason: data.withdrawnReason,
      slug,
      section: data.section,
      path: `/${data.section}/${slug}`,
      headline: data.headline,
      standfirst: data.standfirst,
      authors: data.authors,
      byline: data.byline,
      dateline: data.dateline,
      published: data.published,
      updated: data.updated,
      publishedTime: Date.parse(data.published),
      tags,
      hero,
      gallery: gallery as Photo[],
      related: data.related,
      syndication: data.syndication,
      corrections: data.corrections,
      aliases: data.aliases,
      wire: data.wire,
      revision: createHash('sha1').update(source.text).digest('base64url').slice(0, 16),
      body,
      wordCount,
      readingMinutes: readingMinutes(wordCount),
      sourceFile: file,
    });
  }

  // Curated picks and old URLs can only be checked once every article is known.
  const pathOwners = new Map(articles.map((a) => [a.path, a.sourceFile]));
  for (const article of articles) {
    article.aliases.forEach((alias, i) => {
      const owner = pathOwners.get(alias);
      if (owner && owner !== article.sourceFile) {
        problems.push({ file: article.sourceFile, field: `aliases[${i}]`, problem: `${alias} is the URL of ${owner}: an old URL cannot point at two stories` });
      } else if (!owner) pathOwners.set(alias, article.sourceFile);
    });
    article.related.forEach((slug, i) => {
      if (slug === article.slug) {
        problems.push({ file: article.sourceFile, field: `related[${i}]`, problem: 'points at the article itself: remove it' });
      } else if (!filesBySlug.has(slug)) {
        problems.push({ file: article.sourceFile, field: `related[${i}]`, problem: `"${slug}" is not an article: check the slug in content/articles` });
      }
    });
  }

  articles.sort((a, b) => b.publishedTime - a.publishedTime || a.slug.localeCompare(b.slug));
  return { content: { sections, authors, articles }, problems };
}
