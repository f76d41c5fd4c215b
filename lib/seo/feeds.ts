import { Feed, type Item } from 'feed';
import { absoluteUrl, languageTag, siteConfig } from '../config';
import { bylineNames } from '../article-view';
import type { Article, Author, Correction, LiveEntry, Photo } from '../content/types';
import { entriesFeedPath, entryHeadline, entryModified, entryPath } from '../live-blog';
import { formatDateTime, lastModified, latest } from '../dates';
import { escapeHtml } from '../text';
import { markdownToHtml } from '../markdown';
import { feedPath, type FeedFormat } from './discovery';
import { PUBLISHER_LOGO } from './json-ld';

/** Feed readers poll often: the newest stories are enough. */
export const FEED_SIZE = 50;

/** "Ann Lee and Tom Reyes": one dc:creator, as most feed readers show only the first. */
const listFormat = new Intl.ListFormat('en-GB', { type: 'conjunction' });

const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/';

export interface FeedArticle {
  article: Article;
  authors: Author[];
  sectionName: string;
}

function photoType(photo: Photo): string {
  const extension = photo.src.slice(photo.src.lastIndexOf('.') + 1).toLowerCase();
  return extension === 'jpg' ? 'image/jpeg' : `image/${extension}`;
}

/**
 * One story with its full text. RSS gets the authors as dc:creator (its own <author> must be an
 * e-mail address) and the hero as Media RSS; Atom gets <author> elements and an enclosure link.
 */
/** Corrections lead the item's text, newest first, as they stand below the standfirst on the page. */
function correctionsHtml(corrections: Correction[]): string {
  return [...corrections]
    .reverse()
    .map((c) => `<p><strong>Correction (${escapeHtml(formatDateTime(c.date))}):</strong> ${escapeHtml(c.text)}</p>`)
    .join('');
}

/** The hero as Media RSS; declared per element because the library offers no hook for namespaces on <rss>. */
function mediaContent(hero: Photo) {
  return {
    name: 'media:content',
    objects: {
      _attributes: { 'xmlns:media': MEDIA_RSS_NAMESPACE, url: absoluteUrl(hero.src), medium: 'image', type: photoType(hero), fileSize: hero.bytes, width: hero.width, height: hero.height },
      'media:description': { _attributes: { type: 'plain' }, _text: hero.alt },
      'media:credit': { _text: hero.credit },
    },
  };
}

function feedItem({ article, authors, sectionName }: FeedArticle, format: FeedFormat): Item {
  const { hero } = article;
  const item: Item = {
    title: article.headline,
    link: absoluteUrl(article.path),
    date: new Date(lastModified(article)),
    published: new Date(article.published),
    description: article.standfirst,
    content: correctionsHtml(article.corrections) + markdownToHtml(article.body),
    category: [sectionName, ...article.tags.map((tag) => tag.name)].map((name) => ({ name, term: name })),
    ...(hero && { image: { url: absoluteUrl(hero.src), type: photoType(hero), length: hero.bytes } }),
  };
  const names = bylineNames({ article, authors });
  if (format === 'atom') {
    return { ...item, author: authors.length ? authors.map((author) => ({ name: author.name, link: absoluteUrl(author.path) })) : names.map((name) => ({ name })) };
  }
  return {
    ...item,
    extensions: [...(names.length ? [{ name: 'dc:creator', objects: { _text: listFormat.format(names) } }] : []), ...(hero ? [mediaContent(hero)] : [])],
  };
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The listing the feed mirrors: "/" or a section's path. */
  path: string;
  /** Newest first, at most FEED_SIZE. */
  articles: FeedArticle[];
}

export function renderFeed(channel: FeedChannel, format: FeedFormat): string {
  const { articles } = channel;
  const newest = latest(articles.map(({ article }) => lastModified(article)));
  const feed = new Feed({
    id: absoluteUrl(channel.path),
    title: channel.title,
    description: channel.description,
    link: absoluteUrl(channel.path),
    language: languageTag,
    image: absoluteUrl(PUBLISHER_LOGO.path),
    copyright: `© ${siteConfig.name}`,
    generator: false,
    // The newest change, not the build time, so an unchanged feed keeps its ETag across builds.
    updated: new Date(newest ?? 0),
    feedLinks: { rss: absoluteUrl(feedPath(channel.path, 'rss')), atom: absoluteUrl(feedPath(channel.path, 'atom')) },
    author: { name: siteConfig.name, link: absoluteUrl('/') },
  });
  for (const article of articles) feed.addItem(feedItem(article, format));
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

/** A live blog's entries feed lists its newest entries (FEED_SIZE), each with its full text. */
export interface EntriesFeedInput {
  article: Article;
  /** Newest first. */
  entries: LiveEntry[];
  authorsOf: (entry: LiveEntry) => Author[];
}

/** An entry's text in the feed: corrections first (as on the page), its photo with caption and credit, then the body. */
function entryHtml(entry: LiveEntry): string {
  const photo = entry.photo
    ? `<figure><img src="${escapeHtml(absoluteUrl(entry.photo.src))}" alt="${escapeHtml(entry.photo.alt)}" width="${entry.photo.width}" height="${entry.photo.height}"><figcaption>${escapeHtml(entry.photo.caption)} Picture: ${escapeHtml(entry.photo.credit)}</figcaption></figure>`
    : '';
  return correctionsHtml(entry.corrections) + photo + markdownToHtml(entry.body);
}

/** The Atom feed of a live blog's entries (`…/updates.xml`): each entry links to its permalink. */
export function renderEntriesFeed({ article, entries, authorsOf }: EntriesFeedInput): string {
  const shown = entries.slice(0, FEED_SIZE);
  const feed = new Feed({
    id: absoluteUrl(entriesFeedPath(article)),
    title: `${article.headline}: updates`,
    description: article.standfirst,
    link: absoluteUrl(article.path),
    language: languageTag,
    image: absoluteUrl(PUBLISHER_LOGO.path),
    copyright: `© ${siteConfig.name}`,
    generator: false,
    // The newest change, so an unchanged feed keeps its bytes and ETag.
    updated: new Date(latest([article.published, ...shown.map(entryModified)])!),
    feedLinks: { atom: absoluteUrl(entriesFeedPath(article)) },
    author: { name: siteConfig.name, link: absoluteUrl('/') },
  });
  for (const entry of shown) {
    const url = absoluteUrl(entryPath(article, entry.id));
    feed.addItem({
      // The library writes titles as type="html": escaped, readers show an editor's "<" as text.
      title: escapeHtml(entryHeadline(entry, article)),
      id: url,
      link: url,
      date: new Date(entryModified(entry)),
      published: new Date(entry.posted),
      content: entryHtml(entry),
      author: authorsOf(entry).map((author) => ({ name: author.name, link: absoluteUrl(author.path) })),
    });
  }
  return feed.atom1();
}
