import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import YAML from 'yaml';
import type { z } from 'zod';
import { countWords, readingMinutes, slugify } from '../text';
import { formatPath, type ContentProblem } from './errors';
import { parseFrontMatter } from './front-matter';
import {
  articleFrontMatterSchema,
  authorFrontMatterSchema,
  liveEntryFrontMatterSchema,
  sectionsFileSchema,
  slugSchema,
  type PhotoFrontMatter,
} from './schema';
import type { ContentDirs } from './locations';
import { listFolder } from './stamps';
import type { Article, Author, LiveEntry, Photo, Section, Tag } from './types';

export type { ContentDirs };

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
export function compareFiles(a: string, b: string): number {
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
  /** Live blog entries, `live/<story-slug>/<entry-id>.md` (absent: none). */
  entries?: RawDocument[];
  /** Documents a source could not read (a file removed mid-read, unreadable bytes). */
  unreadable?: ContentProblem[];
}

/** All *.md files below a folder, sorted, as paths relative to it: editors may use sub-folders. */
function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return listFolder(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

/**
 * An article file whose text is read each time it is asked for: the catalogue checks a whole
 * archive at start one file at a time, so 100,000 texts (400 MB) are never held together.
 * Reading throws when the file went meanwhile (the catalogue reports it as unreadable).
 */
export class ArticleFile implements RawDocument {
  constructor(
    readonly file: string,
    private readonly absolute: string,
  ) {}

  get text(): string {
    return fs.readFileSync(this.absolute, 'utf8');
  }
}

/**
 * The content folder as raw documents (the default source), but the `known` files (already
 * checked, unchanged). `lazyArticles`: articles as ArticleFile, read when checked.
 */
export function readContentFolder(contentDir: string, known: ReadonlySet<string> = new Set(), { lazyArticles = false } = {}): RawContent {
  const unreadable: ContentProblem[] = [];
  const read = (folder: 'authors' | 'articles' | 'live'): RawDocument[] =>
    markdownFiles(path.join(contentDir, folder)).flatMap((name) => {
      const file = `${folder}/${name}`;
      if (known.has(file)) return [];
      if (lazyArticles && folder === 'articles') return [new ArticleFile(file, path.join(contentDir, folder, name))];
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
  return { sections, authors: read('authors'), articles: read('articles'), entries: read('live'), unreadable };
}

function frontMatterOf({ file, text }: RawDocument, problems: ContentProblem[]) {
  try {
    const { data, content } = parseFrontMatter(text);
    // A copy, not the parser's values: they are slices that keep the whole file's text alive
    // (hundreds of MB over an archive).
    return { data: structuredClone(data), content, text };
  } catch (error) {
    problems.push({ file, field: 'front matter', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

/** sections.yml checked on its own: the sections, or the problems that keep the last good list. */
export function parseSections(text: string | undefined): { sections?: Section[]; problems: ContentProblem[] } {
  const file = 'sections.yml';
  if (text === undefined) {
    return { problems: [{ file, field: 'file', problem: 'is missing: list the sections as YAML (slug, name, description)' }] };
  }
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (error) {
    return { problems: [{ file, field: 'file', problem: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const parsed = sectionsFileSchema.safeParse(raw);
  return parsed.success ? { sections: parsed.data, problems: [] } : { problems: zodProblems(file, parsed.error) };
}

/** The slug a document's path gives it: its file name without the folder and `.md`. */
export function slugOfFile(file: string): string {
  return path.posix.basename(file, '.md');
}

/** An author file checked on its own: the author, or the problems that keep the last good one. */
export function parseAuthor(document: RawDocument): { author?: Author; problems: ContentProblem[] } {
  const { file } = document;
  const problems: ContentProblem[] = [];
  const id = slugOfFile(file);
  const source = frontMatterOf(document, problems);
  if (!source) return { problems };
  const idOk = slugSchema.safeParse(id);
  if (!idOk.success) problems.push({ file, field: 'file name', problem: idOk.error.issues[0].message });
  const parsed = authorFrontMatterSchema.safeParse(source.data);
  if (!parsed.success) problems.push(...zodProblems(file, parsed.error));
  if (problems.length || !parsed.success) return { problems };
  return { author: { id, ...parsed.data, bio: source.content.trim(), path: `/author/${id}` }, problems };
}

type PhotoSize = { width: number; height: number; bytes: number } | string;

/**
 * Each photo's pixel size, read once however many articles use it, until the photos folder
 * says the file changed (forget).
 */
export class PhotoSizes {
  private readonly sizes = new Map<string, PhotoSize>();

  constructor(readonly photosDir: string) {}

  read(file: string, field: string, photo: PhotoFrontMatter, problems: ContentProblem[]): Photo | undefined {
    let size = this.sizes.get(photo.src);
    if (size === undefined) {
      size = this.measure(photo.src);
      this.sizes.set(photo.src, size);
    }
    if (typeof size === 'string') {
      problems.push({ file, field: `${field}.src`, problem: size });
      return undefined;
    }
    // Named fields, not a spread of the parser's object: that gave every photo a hidden class of its own.
    const { src, alt, caption, credit } = photo;
    return this.shared({ src, alt, caption, credit, width: size.width, height: size.height, bytes: size.bytes });
  }

  /** The last photo record made of each file: at most one per file in the photos folder. */
  private readonly records = new Map<string, Photo>();

  /**
   * One object for every story that shows a photo with the same words (a file photo with its
   * library caption, a wire picture in each version of a story), not a copy per story.
   */
  shared(photo: Photo): Photo {
    const known = this.records.get(photo.src);
    const alike =
      known &&
      known.alt === photo.alt &&
      known.caption === photo.caption &&
      known.credit === photo.credit &&
      known.width === photo.width &&
      known.height === photo.height &&
      known.bytes === photo.bytes;
    if (alike) return known;
    this.records.set(photo.src, photo);
    return photo;
  }

  /** The photo at `src` ("/photos/x.jpg") was added, replaced or removed. */
  forget(src: string): void {
    this.sizes.delete(src);
    this.records.delete(src);
  }

  private measure(src: string): PhotoSize {
    const name = src.slice('/photos/'.length);
    try {
      const image = fs.readFileSync(path.join(this.photosDir, name));
      const { width, height } = imageSize(image);
      return width && height ? { width, height, bytes: image.length } : 'has no readable width and height';
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return missing ? `file photos/${name} does not exist: add it to the photos folder or fix the path` : `is not a readable image: ${(error as Error).message}`;
    }
  }
}

/** What an article is checked against besides itself: the live sections, authors and photos. */
export interface ArticleContext {
  hasSection(slug: string): boolean;
  sectionSlugs(): string[];
  hasAuthor(id: string): boolean;
  photos: PhotoSizes;
  /**
   * The topic for a slug, with the first spelling the site met for it as its name: one object
   * shared by every story that has it (100,000 stories hold some 300,000 tags).
   */
  tag(slug: string, name: string): Tag;
}

export interface CheckedArticle {
  article?: Article;
  problems: ContentProblem[];
  /**
   * The problems may go away without this file changing (a section, author or photo that does
   * not exist yet): the file is checked again after other changes.
   */
  waitsOnOthers: boolean;
}

/** The revision of a document: a hash of its text, which caches, indexes and diffs key on. */
export function revisionOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

const NONE: never[] = Object.freeze([]) as never[];

/**
 * One frozen empty list for every story without a gallery, curated picks, corrections or old
 * URLs (most of an archive): 100,000 stories held 12 MB of empty arrays.
 */
export function shareIfEmpty<T>(list: T[]): T[] {
  return list.length ? list : NONE;
}

/**
 * One article file checked on its own and against the live sections, authors and photos. Rules
 * that span articles (unique slugs, old URLs, curated picks) are the catalogue's
 * (lib/content/catalogue.ts), checked against its indexes.
 */
export function checkArticle(document: RawDocument & { revision?: string }, context: ArticleContext): CheckedArticle {
  const { file } = document;
  const problems: ContentProblem[] = [];
  const slug = slugOfFile(file);
  const slugCheck = slugSchema.safeParse(slug);
  if (!slugCheck.success) problems.push({ file, field: 'file name', problem: slugCheck.error.issues[0].message });
  if (RESERVED_SLUGS.has(slug)) problems.push({ file, field: 'file name', problem: `"${slug}" is reserved for site pages: rename the file` });

  const source = frontMatterOf(document, problems);
  if (!source) return { problems, waitsOnOthers: false };
  const parsed = articleFrontMatterSchema.safeParse(source.data);
  if (!parsed.success) return { problems: [...problems, ...zodProblems(file, parsed.error)], waitsOnOthers: false };
  const data = parsed.data;
  const ownProblems = problems.length;
  if (!context.hasSection(data.section)) {
    problems.push({ file, field: 'section', problem: `"${data.section}" is not a section in sections.yml (known: ${context.sectionSlugs().join(', ')})` });
  }
  data.authors.forEach((id, i) => {
    if (!context.hasAuthor(id)) problems.push({ file, field: `authors[${i}]`, problem: `"${id}" has no file authors/${id}.md` });
  });
  const hero = data.hero && context.photos.read(file, 'hero', data.hero, problems);
  const gallery = data.gallery.map((photo, i) => context.photos.read(file, `gallery[${i}]`, photo, problems));
  const waitsOnOthers = problems.length > ownProblems;
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
    if (alias === `/${data.section}/${slug}`) problems.push({ file, field: `aliases[${i}]`, problem: "is the story's own URL: remove it" });
  });
  if (data.live?.ended && Date.parse(data.live.ended) < Date.parse(data.published)) {
    problems.push({ file, field: 'live.ended', problem: `${data.live.ended} is before published ${data.published}: coverage starts at published` });
  }
  data.related.forEach((related, i) => {
    if (related === slug) problems.push({ file, field: `related[${i}]`, problem: 'points at the article itself: remove it' });
  });
  const body = source.content.trim();
  if (!body) problems.push({ file, field: 'body', problem: 'is empty: write the article below the front matter' });
  const tagSlugs = data.tags.map(slugify);
  tagSlugs.forEach((tagSlug, i) => {
    if (!tagSlug) problems.push({ file, field: `tags[${i}]`, problem: 'needs at least one letter or digit to make a topic URL' });
  });
  if (problems.length) return { problems, waitsOnOthers };

  const tags: Tag[] = data.tags.map((tagName, i) => context.tag(tagSlugs[i], tagName));
  const wordCount = countWords(body);
  const article: Article = {
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
    gallery: shareIfEmpty(gallery as Photo[]),
    related: shareIfEmpty(data.related),
    syndication: data.syndication,
    corrections: shareIfEmpty(data.corrections),
    aliases: shareIfEmpty(data.aliases),
    wire: data.wire,
    live: data.live && { ended: data.live.ended, endedTime: data.live.ended ? Date.parse(data.live.ended) : undefined },
    revision: document.revision ?? revisionOf(source.text),
    body,
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    sourceFile: file,
  };
  return { article, problems, waitsOnOthers: false };
}

/** Where a live blog entry lives: `live/<story-slug>/<entry-id>.md`. */
const ENTRY_FILE = /^live\/([^/]+)\/([^/]+)\.md$/;

/** The story slug and entry id of an entry file, or undefined for any other path. */
export function entryOfFile(file: string): { story: string; id: string } | undefined {
  const match = ENTRY_FILE.exec(file);
  return match ? { story: match[1], id: match[2] } : undefined;
}

export interface CheckedEntry {
  entry?: LiveEntry;
  problems: ContentProblem[];
  /** Its problems may go away without the file changing (an author or photo not there yet). */
  waitsOnOthers: boolean;
}

/**
 * One live blog entry checked on its own and against the live authors and photos. Whether its
 * story exists and is a live blog is the catalogue's check (lib/content/catalogue.ts).
 */
export function checkEntry(document: RawDocument & { revision?: string }, context: ArticleContext): CheckedEntry {
  const { file } = document;
  const problems: ContentProblem[] = [];
  const place = entryOfFile(file);
  if (!place) return { problems: [{ file, field: 'file name', problem: 'must be live/<story-slug>/<entry-id>.md' }], waitsOnOthers: false };
  for (const [field, value] of [['folder', place.story], ['file name', place.id]] as const) {
    const check = slugSchema.safeParse(value);
    if (!check.success) problems.push({ file, field, problem: check.error.issues[0].message.replace('words', 'words and digits') });
  }
  const source = frontMatterOf(document, problems);
  if (!source) return { problems, waitsOnOthers: false };
  const parsed = liveEntryFrontMatterSchema.safeParse(source.data);
  if (!parsed.success) return { problems: [...problems, ...zodProblems(file, parsed.error)], waitsOnOthers: false };
  const data = parsed.data;
  const ownProblems = problems.length;
  data.authors.forEach((id, i) => {
    if (!context.hasAuthor(id)) problems.push({ file, field: `authors[${i}]`, problem: `"${id}" has no file authors/${id}.md` });
  });
  const photo = data.photo && context.photos.read(file, 'photo', data.photo, problems);
  const waitsOnOthers = problems.length > ownProblems;
  const body = source.content.trim();
  // A deleted entry is a tombstone: it keeps its permalink answering 410 and tells open pages to remove it.
  if (!body && data.status !== 'deleted') problems.push({ file, field: 'body', problem: 'is empty: write the update below the front matter' });
  data.corrections.forEach((correction, i) => {
    if (Date.parse(correction.date) < Date.parse(data.posted)) {
      problems.push({ file, field: `corrections[${i}].date`, problem: `${correction.date} is before posted ${data.posted}: fix the date` });
    }
  });
  if (problems.length) return { problems, waitsOnOthers };
  const entry: LiveEntry = {
    id: place.id,
    story: place.story,
    posted: data.posted,
    postedTime: Date.parse(data.posted),
    title: data.title,
    authors: data.authors,
    key: data.key,
    pinned: data.pinned,
    status: data.status,
    photo,
    corrections: data.corrections,
    body,
    revision: document.revision ?? revisionOf(source.text),
    sourceFile: file,
  };
  return { entry, problems, waitsOnOthers: false };
}
