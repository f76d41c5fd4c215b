import { articleView } from '../article-view';
import { siteConfig } from '../config';
import { getContent, withBodies } from '../content/repository';
import type { Article } from '../content/types';
import { lastModified, latest } from '../dates';
import { tagPath } from '../paths';
import { FEED_CONTENT_TYPES, type FeedFormat } from './discovery';
import { FEED_SIZE, renderFeed, type FeedArticle, type FeedChannel } from './feeds';
import {
  ARTICLES_PER_SITEMAP,
  articleSitemapIndexEntries,
  articleSitemapXml,
  sitemapResponse,
  newsSitemapArticles,
  SITEMAP_PATHS,
  type NewsSitemapEntry,
  type SitemapUrl,
} from './sitemaps';

/** Feeds and sitemaps fed from the content repository; the builders they call are pure. */

async function feedArticles(articles: Article[]): Promise<FeedArticle[]> {
  return (await withBodies(articles.slice(0, FEED_SIZE))).map((article) => {
    const { authors, section } = articleView(article);
    return { article, authors, sectionName: section.name };
  });
}

/** The whole site's feed, or a section's; undefined for an unknown section. */
async function feedChannel(sectionSlug?: string): Promise<FeedChannel | undefined> {
  const content = getContent();
  if (sectionSlug === undefined) {
    return { title: siteConfig.name, description: siteConfig.description, path: '/', articles: await feedArticles(content.articles) };
  }
  const section = content.section(sectionSlug);
  if (!section) return undefined;
  return {
    title: `${section.name} | ${siteConfig.name}`,
    description: section.description,
    path: `/${section.slug}`,
    articles: await feedArticles(content.articlesInSection(section.slug)),
  };
}

export async function feedResponse(sectionSlug: string | undefined, format: FeedFormat): Promise<Response> {
  const channel = await feedChannel(sectionSlug);
  if (!channel) return new Response('Not found', { status: 404 });
  return new Response(renderFeed(channel, format), { headers: { 'Content-Type': `${FEED_CONTENT_TYPES[format]}; charset=utf-8` } });
}

const newestChange = (articles: Article[]) => latest(articles.map(lastModified));

/** Home, section, topic and author fronts, each dated by its newest story. */
export function pageSitemapUrls(): SitemapUrl[] {
  const content = getContent();
  return [
    { path: '/', lastmod: newestChange(content.articles) },
    ...content.sections.map((s) => ({ path: `/${s.slug}`, lastmod: newestChange(content.articlesInSection(s.slug)) })),
    ...content.tags.map((t) => ({ path: tagPath(t.slug), lastmod: newestChange(content.articlesWithTag(t.slug)) })),
    ...content.authors.map((a) => ({ path: a.path, lastmod: newestChange(content.articlesByAuthor(a.id)) })),
    { path: '/corrections', lastmod: content.corrections[0]?.date },
  ];
}

/** A part of the articles sitemap (1 is /sitemaps/articles.xml); 404 for no part or one beyond the last. */
export function articleSitemapResponse(part: number | undefined): Response {
  const xml = part === undefined ? undefined : articleSitemapXml(getContent().articles, part);
  return xml === undefined ? new Response('Not found', { status: 404 }) : sitemapResponse(xml);
}

/** Google News' entries: a live blog's lastmod is its latest update, so crawlers come back for it. */
export function newsSitemapEntries(): NewsSitemapEntry[] {
  const content = getContent();
  return newsSitemapArticles(content.articles).map((article) => {
    const newestEntry = article.live && content.liveBlog(article)?.latest?.posted;
    return {
      path: article.path,
      title: article.headline,
      publicationDate: article.published,
      lastmod: newestEntry ? latest([lastModified(article), newestEntry]) : lastModified(article),
    };
  });
}

/**
 * The sitemaps that have entries, each dated by its newest change: every part of the articles
 * sitemap; a news sitemap with no recent story is left out (the XSD wants one <url>).
 */
export function sitemapIndexEntries(content = getContent(), perPart = ARTICLES_PER_SITEMAP): SitemapUrl[] {
  const { articles } = content;
  const news = newsSitemapArticles(articles);
  return [
    { path: SITEMAP_PATHS.pages, lastmod: newestChange(articles) },
    ...articleSitemapIndexEntries(articles, perPart),
    ...(news.length ? [{ path: SITEMAP_PATHS.news, lastmod: latest(news.map((a) => a.published)) }] : []),
  ];
}
