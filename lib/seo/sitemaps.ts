import { absoluteUrl, siteConfig } from '../config';
import type { Article } from '../content/types';
import { lastModified } from '../dates';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** The sitemaps the index lists, by site path (`articles` is the first part of the articles sitemap). */
export const SITEMAP_PATHS = {
  index: '/sitemap.xml',
  pages: '/sitemaps/pages.xml',
  articles: '/sitemaps/articles.xml',
  news: '/sitemaps/news.xml',
} as const;

/**
 * Stories per part of the articles sitemap. The protocol allows 50,000 URLs and 50 MB per file;
 * 10,000 stories with their photos are about 3 MB and render in a few tens of milliseconds.
 */
export const ARTICLES_PER_SITEMAP = 10_000;

/** Google News reads only stories of the last two days, and at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_SITEMAP_LIMIT = 1000;

export interface SitemapUrl {
  /** Site path of the page. */
  path: string;
  /** ISO 8601 date-time of the last change. */
  lastmod?: string;
  /** Site paths of the photos on the page. */
  images?: string[];
}

export interface NewsSitemapEntry {
  path: string;
  title: string;
  publicationDate: string;
  /** The latest update or correction: tells Google to fetch the story again. */
  lastmod?: string;
}

/** What an article sitemap reads of a story. */
export type SitemapArticle = Pick<Article, 'path' | 'hero' | 'gallery' | 'published' | 'updated' | 'corrections'>;

// The sitemaps are written as strings, not through a DOM: a part lists 10,000 stories.

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML element content or an attribute value: markup characters escaped, forbidden characters dropped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

/** A new line indented to a depth (0 to 4), as xmlbuilder2's pretty printing wrote them. */
const INDENTS = [0, 1, 2, 3, 4].map((depth) => `\n${'  '.repeat(depth)}`);
const indent = (depth: number) => INDENTS[depth];
/** An element with text content, on its own line. */
const leaf = (depth: number, name: string, text: string) => `${indent(depth)}<${name}>${xmlText(text)}</${name}>`;
/** An element around children already written one level deeper. */
const branch = (depth: number, name: string, children: string) => `${indent(depth)}<${name}>${children}${indent(depth)}</${name}>`;

function xmlDocument(root: string, namespaces: Record<string, string>, entries: Iterable<string>): string {
  const attributes = Object.entries(namespaces).map(([prefix, uri]) => ` ${prefix}="${xmlText(uri)}"`).join('');
  const parts = [`<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attributes}>`];
  for (const entry of entries) parts.push(entry);
  parts.push(`\n</${root}>`);
  return parts.join('');
}

/** `loc` and `lastmod`, first in a `url` or `sitemap` entry (the XSDs' sequence). */
const locAndLastmod = (path: string, lastmod?: string) => leaf(2, 'loc', absoluteUrl(path)) + (lastmod ? leaf(2, 'lastmod', lastmod) : '');

function* mapped<T>(items: Iterable<T>, write: (item: T) => string): Generator<string> {
  for (const item of items) yield write(item);
}

/** A sitemaps.org urlset; child order (loc, lastmod, extensions) follows the XSD's sequence. */
export function urlsetXml(urls: Iterable<SitemapUrl>): string {
  return xmlDocument(
    'urlset',
    { xmlns: SITEMAP_NS, 'xmlns:image': IMAGE_NS },
    mapped(urls, ({ path, lastmod, images = [] }) =>
      branch(1, 'url', locAndLastmod(path, lastmod) + images.map((image) => branch(2, 'image:image', leaf(3, 'image:loc', absoluteUrl(image)))).join('')),
    ),
  );
}

export function newsSitemapXml(entries: Iterable<NewsSitemapEntry>): string {
  const publication = branch(3, 'news:publication', leaf(4, 'news:name', siteConfig.name) + leaf(4, 'news:language', siteConfig.language));
  return xmlDocument(
    'urlset',
    { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
    mapped(entries, (entry) =>
      branch(
        1,
        'url',
        locAndLastmod(entry.path, entry.lastmod) +
          branch(2, 'news:news', publication + leaf(3, 'news:publication_date', entry.publicationDate) + leaf(3, 'news:title', entry.title)),
      ),
    ),
  );
}

export function sitemapIndexXml(sitemaps: Iterable<SitemapUrl>): string {
  return xmlDocument('sitemapindex', { xmlns: SITEMAP_NS }, mapped(sitemaps, ({ path, lastmod }) => branch(1, 'sitemap', locAndLastmod(path, lastmod))));
}

/** A sitemap or sitemap index as the HTTP response its route sends. */
export function sitemapResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}

/*
 * The articles sitemap in parts. Stories are numbered oldest first and cut into parts of
 * `perPart`: part 1 holds the oldest stories, the last part the newest, each part oldest first.
 * A new story is appended to the last part (or opens a new one), so the earlier parts keep their
 * URLs and bytes and a crawler need not fetch them again; only an update, a correction or a
 * withdrawal changes an older part. Part 1 is /sitemaps/articles.xml (its documented name),
 * part N /sitemaps/articles-N.xml.
 */

export function articleSitemapPath(part: number): string {
  return part === 1 ? SITEMAP_PATHS.articles : `/sitemaps/articles-${part}.xml`;
}

const PART_FILE = /^\/sitemaps\/articles-([1-9]\d*)\.xml$/;

/**
 * The part a path names: 1 for /sitemaps/articles.xml, N >= 2 for /sitemaps/articles-N.xml,
 * written without leading zeros; undefined for anything else (articles-1.xml included: one URL
 * per part). Whether the part exists depends on the number of stories.
 */
export function articleSitemapPartOf(path: string): number | undefined {
  if (path === SITEMAP_PATHS.articles) return 1;
  const part = Number(PART_FILE.exec(path)?.[1]);
  return part >= 2 && Number.isSafeInteger(part) ? part : undefined;
}

function* articleSitemapUrls(articles: Iterable<SitemapArticle>): Generator<SitemapUrl> {
  for (const article of articles) {
    const photos = article.hero ? [article.hero, ...article.gallery] : article.gallery;
    yield { path: article.path, lastmod: lastModified(article), images: photos.map((photo) => photo.src) };
  }
}

/** A part of the articles sitemap from its stories, oldest first. */
export function articleSitemapUrlset(stories: readonly SitemapArticle[]): string {
  return urlsetXml(articleSitemapUrls(stories));
}

/** Every part of the articles sitemap, each dated by the story changed last in it (given in part order). */
export function articleSitemapIndexEntries(changedLast: readonly SitemapArticle[]): SitemapUrl[] {
  return changedLast.map((article, i) => ({ path: articleSitemapPath(i + 1), lastmod: lastModified(article) }));
}

/**
 * Stories for the Google News sitemap: published within two days before the newest story,
 * newest first, at most 1,000. Anchored on the newest story rather than the clock, so the
 * sitemap only changes when the content does (the same bytes and ETag until then). Syndicated copies marked noindexNews stay out, as Google's advice asks.
 */
export function newsSitemapArticles(articles: Article[]): Article[] {
  const eligible = articles.filter((article) => !article.syndication?.noindexNews);
  if (eligible.length === 0) return [];
  // A loop, not Math.max(...): an archive of 100,000 stories is too many arguments.
  const newest = eligible.reduce((max, article) => Math.max(max, article.publishedTime), -Infinity);
  return eligible
    .filter((article) => newest - article.publishedTime <= NEWS_WINDOW_MS)
    .sort((a, b) => b.publishedTime - a.publishedTime)
    .slice(0, NEWS_SITEMAP_LIMIT);
}
