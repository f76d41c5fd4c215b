import { create } from 'xmlbuilder2';
import { absoluteUrl, siteConfig } from '../config';
import type { Article } from '../content/types';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** The sitemaps the index lists, by site path. */
export const SITEMAP_PATHS = {
  index: '/sitemap.xml',
  pages: '/sitemaps/pages.xml',
  articles: '/sitemaps/articles.xml',
  news: '/sitemaps/news.xml',
} as const;

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

function render(root: object): string {
  return create({ version: '1.0', encoding: 'UTF-8' }, root).end({ prettyPrint: true });
}

/** A sitemaps.org urlset; child order (loc, lastmod, extensions) follows the XSD's sequence. */
export function urlsetXml(urls: SitemapUrl[]): string {
  return render({
    urlset: {
      '@xmlns': SITEMAP_NS,
      '@xmlns:image': IMAGE_NS,
      url: urls.map(({ path, lastmod, images = [] }) => ({
        loc: absoluteUrl(path),
        ...(lastmod && { lastmod }),
        ...(images.length > 0 && { 'image:image': images.map((image) => ({ 'image:loc': absoluteUrl(image) })) }),
      })),
    },
  });
}

export function newsSitemapXml(entries: NewsSitemapEntry[]): string {
  return render({
    urlset: {
      '@xmlns': SITEMAP_NS,
      '@xmlns:news': NEWS_NS,
      url: entries.map((entry) => ({
        loc: absoluteUrl(entry.path),
        ...(entry.lastmod && { lastmod: entry.lastmod }),
        'news:news': {
          'news:publication': { 'news:name': siteConfig.name, 'news:language': siteConfig.language },
          'news:publication_date': entry.publicationDate,
          'news:title': entry.title,
        },
      })),
    },
  });
}

export function sitemapIndexXml(sitemaps: SitemapUrl[]): string {
  return render({
    sitemapindex: {
      '@xmlns': SITEMAP_NS,
      sitemap: sitemaps.map(({ path, lastmod }) => ({ loc: absoluteUrl(path), ...(lastmod && { lastmod }) })),
    },
  });
}

/** A sitemap or sitemap index as the HTTP response its route sends. */
export function sitemapResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': SITEMAP_CONTENT_TYPE } });
}

/**
 * Stories for the Google News sitemap: published within two days before the newest story,
 * newest first, at most 1,000. Anchored on the newest story rather than the clock, so the
 * sitemap only changes when the content does (the same bytes and ETag until then). Syndicated copies marked noindexNews stay out, as Google's advice asks.
 */
export function newsSitemapArticles(articles: Article[]): Article[] {
  const eligible = articles.filter((article) => !article.syndication?.noindexNews);
  if (eligible.length === 0) return [];
  const newest = Math.max(...eligible.map((article) => article.publishedTime));
  return eligible
    .filter((article) => newest - article.publishedTime <= NEWS_WINDOW_MS)
    .sort((a, b) => b.publishedTime - a.publishedTime)
    .slice(0, NEWS_SITEMAP_LIMIT);
}
