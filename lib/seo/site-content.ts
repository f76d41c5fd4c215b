import { articleView } from '../article-view';
import { siteConfig } from '../config';
import { listOf, PUBLISHED_LIST } from '../content/content-index';
import { getContent, withBodies, type ContentRepository } from '../content/repository';
import type { Article } from '../content/types';
import { lastModified, latest } from '../dates';
import { tagPath } from '../paths';
import { FEED_CONTENT_TYPES, type FeedFormat } from './discovery';
import { FEED_SIZE, renderFeed, type FeedArticle, type FeedChannel } from './feeds';
import {
  ARTICLES_PER_SITEMAP,
  articleSitemapIndexEntries,
  articleSitemapUrlset,
  sitemapResponse,
  newsSitemapArticles,
  NEWS_SITEMAP_LIMIT,
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

/** Home, section, topic and author fronts and the corrections page, each dated by its newest change. */
export async function pageSitemapUrls(content = getContent()): Promise<SitemapUrl[]> {
  const [changedLast, [correction]] = await Promise.all([content.changedLastPerList(), content.recentCorrections(1)]);
  const lastmod = (list: string) => {
    const article = changedLast.get(list);
    return article && lastModified(article);
  };
  // Topics are those a public story has, named as the story changed last in each names them, in name order.
  const tags = [...changedLast].flatMap(([list, article]) => article.tags.filter((tag) => listOf('tag', tag.slug) === list));
  tags.sort((a, b) => a.name.localeCompare(b.name));
  return [
    { path: '/', lastmod: lastmod(PUBLISHED_LIST) },
    ...content.sections.map((s) => ({ path: `/${s.slug}`, lastmod: lastmod(listOf('section', s.slug)) })),
    ...tags.map((t) => ({ path: tagPath(t.slug), lastmod: lastmod(listOf('tag', t.slug)) })),
    ...content.authors.map((a) => ({ path: a.path, lastmod: lastmod(listOf('author', a.id)) })),
    { path: '/corrections', lastmod: correction?.date },
  ];
}

/** A part of the articles sitemap (1 is /sitemaps/articles.xml, numbered oldest first), or undefined for no such part. */
export async function articleSitemapXml(part: number, content = getContent(), perPart = ARTICLES_PER_SITEMAP): Promise<string | undefined> {
  if (!Number.isInteger(part) || part < 1) return undefined;
  const stories = await content.oldestFirst(PUBLISHED_LIST, (part - 1) * perPart, perPart);
  // No part without a story: an empty urlset is invalid.
  return stories.length ? articleSitemapUrlset(stories) : undefined;
}

/** A part of the articles sitemap; 404 for no part or one beyond the last. */
export async function articleSitemapResponse(part: number | undefined): Promise<Response> {
  const xml = part === undefined ? undefined : await articleSitemapXml(part);
  return xml === undefined ? new Response('Not found', { status: 404 }) : sitemapResponse(xml);
}

/** The newest stories the news sitemap chooses from: more than it lists, for the syndicated copies it leaves out. */
const NEWS_CANDIDATES = 2 * NEWS_SITEMAP_LIMIT;

async function newsArticles(content: ContentRepository): Promise<Article[]> {
  return newsSitemapArticles((await content.listPage(PUBLISHED_LIST, 1, NEWS_CANDIDATES)).stories);
}

/** Google News' entries: a live blog's lastmod is its latest update, so crawlers come back for it. */
export async function newsSitemapEntries(content = getContent()): Promise<NewsSitemapEntry[]> {
  return (await newsArticles(content)).map((article) => {
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
export async function sitemapIndexEntries(content = getContent(), perPart = ARTICLES_PER_SITEMAP): Promise<SitemapUrl[]> {
  const [changedLast, news] = await Promise.all([content.changedLastPerRun(PUBLISHED_LIST, perPart), newsArticles(content)]);
  return [
    { path: SITEMAP_PATHS.pages, lastmod: newestChange(changedLast) },
    ...articleSitemapIndexEntries(changedLast),
    ...(news.length ? [{ path: SITEMAP_PATHS.news, lastmod: latest(news.map((a) => a.published)) }] : []),
  ];
}
