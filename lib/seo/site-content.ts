import { articleView } from '../article-view';
import { siteConfig } from '../config';
import { getContent } from '../content/repository';
import type { Article } from '../content/types';
import { lastModified, latest } from '../dates';
import { tagPath } from '../paths';
import { FEED_CONTENT_TYPES, type FeedFormat } from './discovery';
import { FEED_SIZE, renderFeed, type FeedArticle, type FeedChannel } from './feeds';
import { newsSitemapArticles, SITEMAP_PATHS, type NewsSitemapEntry, type SitemapUrl } from './sitemaps';

/** Feeds and sitemaps fed from the content repository; the builders they call are pure. */

function feedArticles(articles: Article[]): FeedArticle[] {
  return articles.slice(0, FEED_SIZE).map((article) => {
    const { authors, section } = articleView(article);
    return { article, authors, sectionName: section.name };
  });
}

/** The whole site's feed, or a section's; undefined for an unknown section. */
function feedChannel(sectionSlug?: string): FeedChannel | undefined {
  const content = getContent();
  if (sectionSlug === undefined) {
    return { title: siteConfig.name, description: siteConfig.description, path: '/', articles: feedArticles(content.articles) };
  }
  const section = content.section(sectionSlug);
  if (!section) return undefined;
  return {
    title: `${section.name} | ${siteConfig.name}`,
    description: section.description,
    path: `/${section.slug}`,
    articles: feedArticles(content.articlesInSection(section.slug)),
  };
}

export function feedResponse(sectionSlug: string | undefined, format: FeedFormat): Response {
  const channel = feedChannel(sectionSlug);
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

export function articleSitemapUrls(): SitemapUrl[] {
  return getContent().articles.map((article) => ({
    path: article.path,
    lastmod: lastModified(article),
    images: [...(article.hero ? [article.hero] : []), ...article.gallery].map((photo) => photo.src),
  }));
}

export function newsSitemapEntries(): NewsSitemapEntry[] {
  return newsSitemapArticles(getContent().articles).map((article) => ({
    path: article.path,
    title: article.headline,
    publicationDate: article.published,
    lastmod: lastModified(article),
  }));
}

/** The sitemaps that have entries: a news sitemap with no recent story is left out (the XSD wants one <url>). */
export function sitemapIndexEntries(): SitemapUrl[] {
  const articles = getContent().articles;
  const newest = newestChange(articles);
  const news = newsSitemapArticles(articles);
  return [
    { path: SITEMAP_PATHS.pages, lastmod: newest },
    { path: SITEMAP_PATHS.articles, lastmod: newest },
    ...(news.length ? [{ path: SITEMAP_PATHS.news, lastmod: latest(news.map((a) => a.published)) }] : []),
  ];
}
