import type { BlogPosting, BreadcrumbList, Graph, ImageObject, LiveBlogPosting, NewsArticle, NewsMediaOrganization, Person, SearchAction, WebSite, WithContext } from 'schema-dts';
import { absoluteUrl, languageTag, siteConfig } from '../config';
import type { Article, Author, LiveEntry, Photo, Section } from '../content/types';
import { lastModified, latest } from '../dates';
import { entryAnchor, entryHeadline, entryModified, entryPath, entryText } from '../live-blog';
import { CROP_RATIOS, cropGeometry, cropPath, type CropRatio } from './crops';
import { searchUrlTemplate } from './opensearch';

/** The publisher logo in public/: Google wants a raster logo that fits 600x60. */
export const PUBLISHER_LOGO = { path: '/logo.png', width: 600, height: 60 } as const;

/**
 * JSON for a `<script type="application/ld+json">`. The HTML parser ends a script at "</script"
 * and treats "<!--" specially, so `<`, `>` and `&` are written as \u escapes (still the same
 * JSON); U+2028/2029 are escaped too because older JavaScript parsers reject them in strings.
 */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const organizationId = () => absoluteUrl('/#organization');

function publisherJsonLd(): NewsMediaOrganization {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': organizationId(),
    name: siteConfig.name,
    url: absoluteUrl('/'),
    logo: { '@type': 'ImageObject', url: absoluteUrl(PUBLISHER_LOGO.path), width: `${PUBLISHER_LOGO.width}`, height: `${PUBLISHER_LOGO.height}` },
  };
}

/**
 * The site's own search (app/search), for search engines and assistants. Google's
 * `query-input` is not in schema.org's vocabulary, so schema-dts has no type for it.
 */
function siteSearchAction(): SearchAction {
  const action: SearchAction & { 'query-input': string } = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: searchUrlTemplate('search_term_string') },
    'query-input': 'required name=search_term_string',
  };
  return action;
}

/** Home page: the site (for the site name in results) and its publisher. */
export function homeJsonLd(): Graph {
  const website: WebSite = {
    '@type': 'WebSite',
    '@id': absoluteUrl('/#website'),
    name: siteConfig.name,
    url: absoluteUrl('/'),
    description: siteConfig.description,
    inLanguage: languageTag,
    publisher: { '@id': organizationId() },
    potentialAction: siteSearchAction(),
  };
  return { '@context': 'https://schema.org', '@graph': [website, publisherJsonLd()] };
}

export interface ImageSize {
  url: string;
  width: number;
  height: number;
}

function imageObject({ url, width, height }: ImageSize): ImageObject {
  return { '@type': 'ImageObject', url, width: `${width}`, height: `${height}` };
}

/** The hero cropped to 16:9, 4:3 and 1:1, at their real served sizes. */
function heroCrops(hero: Photo): ImageSize[] {
  return (Object.keys(CROP_RATIOS) as CropRatio[]).map((ratio) => {
    const { width, height } = cropGeometry(hero, ratio);
    return { url: absoluteUrl(cropPath(hero, ratio)), width, height };
  });
}

export interface ArticleJsonLdInput {
  article: Article;
  section: Section;
  authors: Author[];
  /** The article's social card, listed first when the page has one. */
  card?: ImageSize;
}

function personJsonLd(author: Author): Person {
  return { '@type': 'Person', name: author.name, jobTitle: author.role, url: absoluteUrl(author.path) };
}

export function newsArticleJsonLd({ article, section, authors, card }: ArticleJsonLdInput): WithContext<NewsArticle> {
  const url = absoluteUrl(article.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: article.headline,
    description: article.standfirst,
    image: [...(card ? [card] : []), ...(article.hero ? heroCrops(article.hero) : [])].map(imageObject),
    datePublished: article.published,
    dateModified: lastModified(article),
    author: authors.length ? authors.map(personJsonLd) : article.byline ? [{ '@type': 'Person', name: article.byline }] : [],
    ...(article.corrections.length && {
      correction: article.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date })),
    }),
    publisher: publisherJsonLd(),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: section.name,
    keywords: article.tags.map((tag) => tag.name),
    wordCount: article.wordCount,
    inLanguage: languageTag,
    isAccessibleForFree: true,
    ...(article.syndication?.originalUrl && { isBasedOn: article.syndication.originalUrl }),
  };
}

function breadcrumbJsonLd(trail: { name: string; path: string }[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path),
    })),
  };
}

/** Home > Section > Headline. */
export function articleBreadcrumbs({ article, section }: Pick<ArticleJsonLdInput, 'article' | 'section'>) {
  return breadcrumbJsonLd([
    { name: siteConfig.name, path: '/' },
    { name: section.name, path: `/${section.slug}` },
    { name: article.headline, path: article.path },
  ]);
}

/** One entry of a live blog, identified by its place on the blog's page. */
function blogPosting(article: Article, entry: LiveEntry, authors: Author[]): BlogPosting {
  const id = absoluteUrl(`${article.path}#${entryAnchor(entry.id)}`);
  return {
    '@type': 'BlogPosting',
    '@id': id,
    headline: entryHeadline(entry, article),
    datePublished: entry.posted,
    dateModified: entryModified(entry),
    articleBody: entryText(entry),
    author: authors.map(personJsonLd),
    url: id,
    ...(entry.photo && { image: absoluteUrl(entry.photo.src) }),
  };
}

/** An entry's permalink: the entry as a BlogPosting, part of its live blog, with its own card. */
export function entryJsonLd({ article, entry, authors, card }: { article: Article; entry: LiveEntry; authors: Author[]; card: ImageSize }): WithContext<BlogPosting> {
  const posting = blogPosting(article, entry, authors);
  return {
    '@context': 'https://schema.org',
    ...posting,
    url: absoluteUrl(entryPath(article, entry.id)),
    mainEntityOfPage: { '@type': 'WebPage', '@id': absoluteUrl(entryPath(article, entry.id)) },
    image: [imageObject(card), ...(entry.photo ? [absoluteUrl(entry.photo.src)] : [])],
    isPartOf: { '@type': 'LiveBlogPosting', '@id': `${absoluteUrl(article.path)}#article`, headline: article.headline, url: absoluteUrl(article.path) },
    publisher: publisherJsonLd(),
    inLanguage: languageTag,
  } as WithContext<BlogPosting>;
}

/** How many of a live blog's newest entries its structured data lists (Google reads the newest). */
export const LIVE_BLOG_UPDATES = 20;

export interface LiveBlogJsonLdInput extends ArticleJsonLdInput {
  /** Newest first; the first LIVE_BLOG_UPDATES are listed. */
  entries: LiveEntry[];
  authorsOf: (entry: LiveEntry) => Author[];
}

/**
 * A live blog: the story's NewsArticle fields as a LiveBlogPosting, coverage from publication
 * (to its end once ended), and its newest entries as BlogPosting updates.
 */
export function liveBlogPostingJsonLd(input: LiveBlogJsonLdInput): WithContext<LiveBlogPosting> {
  const { article, entries, authorsOf } = input;
  const url = absoluteUrl(article.path);
  const updates = entries.slice(0, LIVE_BLOG_UPDATES);
  const { '@type': _newsArticle, '@context': _context, ...fields } = newsArticleJsonLd(input) as Exclude<NewsArticle, string> & { '@context': string };
  const liveBlogUpdate = updates.map((entry) => blogPosting(article, entry, authorsOf(entry)));
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    ...fields,
    dateModified: latest([lastModified(article), ...updates.map(entryModified)]),
    coverageStartTime: article.published,
    ...(article.live?.ended && { coverageEndTime: article.live.ended }),
    liveBlogUpdate,
  } as WithContext<LiveBlogPosting>;
}
