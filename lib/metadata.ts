import type { Metadata } from 'next';
import type { ArticleView } from './article-view';
import { absoluteUrl, siteConfig } from './config';
import type { LiveBlog } from './content/repository';
import { lastModified, latest } from './dates';
import { entriesFeedPath } from './live-blog';
import type { Listing } from './listings';
import { cardOpenGraphImage, type CardRef } from './og/card-image';
import { articleCard, sectionCard, siteCard } from './og/page-cards';
import { pagePath } from './pagination';
import { feedAlternates, robotsMetadata, type FeedSection } from './seo/discovery';

interface PageMetadataInput {
  title: string;
  description: string;
  /** Site path of the page, e.g. "/world/dmz-defection". */
  path: string;
  /** Set on article pages: makes og:type "article" with its article:* properties. */
  article?: ArticleOpenGraph;
  /** The share card the page shows (lib/og/page-cards). */
  card: CardRef;
  /** The section whose feeds the page advertises beside the site's. */
  feedSection?: FeedSection;
  /** A syndicated copy kept out of Google News (front matter `syndication.noindexNews`). */
  noindexNews?: boolean;
  /** A live blog's Atom feed of its entries, advertised first among the Atom feeds. */
  entriesFeed?: { url: string; title: string };
}

interface ArticleOpenGraph {
  publishedTime: string;
  modifiedTime: string;
  section: string;
  tags: string[];
  /** Absolute URLs of the authors' pages. */
  authors: string[];
}

/**
 * Metadata every page needs. Next merges metadata shallowly, so each page builds the whole
 * `alternates` object here instead of relying on the layout's.
 */
export function pageMetadata({ title, description, path, article, card, feedSection, noindexNews, entriesFeed }: PageMetadataInput): Metadata {
  const feeds = feedAlternates(feedSection);
  return {
    title,
    description,
    alternates: { canonical: path, types: entriesFeed ? withEntriesFeed(feeds, entriesFeed) : feeds },
    ...robotsMetadata(siteConfig.indexable, noindexNews),
    openGraph: {
      title,
      description,
      // Always our own origin, also for wire stories: Facebook ignores an og:url elsewhere.
      url: absoluteUrl(path),
      siteName: siteConfig.name,
      locale: siteConfig.locale,
      images: [cardOpenGraphImage(card)],
      ...(article ? { type: 'article', ...article } : { type: 'website' }),
    },
    twitter: { card: 'summary_large_image', site: siteConfig.twitterSite, title, description },
  };
}

type FeedTypes = ReturnType<typeof feedAlternates>;
const ATOM = 'application/atom+xml';

function withEntriesFeed(feeds: FeedTypes, feed: { url: string; title: string }): FeedTypes {
  const atom = feeds?.[ATOM];
  return { ...feeds, [ATOM]: [feed, ...(Array.isArray(atom) ? atom : [])] };
}

/** A story's page; a live blog's (`blog`) has its card say "Live" and links the Atom feed of its entries. */
export function articleMetadata({ article, section, authors }: ArticleView, blog?: Pick<LiveBlog, 'latest' | 'ended'>): Metadata {
  return pageMetadata({
    title: article.headline,
    description: article.standfirst,
    path: article.path,
    card: articleCard(article, section.name, blog),
    ...(blog && { entriesFeed: { url: entriesFeedPath(article), title: `${article.headline}: updates (Atom)` } }),
    feedSection: { path: `/${section.slug}`, name: section.name },
    noindexNews: article.syndication?.noindexNews,
    article: {
      publishedTime: article.published,
      modifiedTime: latest([lastModified(article), ...(blog?.latest ? [blog.latest.posted] : [])])!,
      section: section.name,
      tags: article.tags.map((tag) => tag.name),
      authors: authors.map((author) => absoluteUrl(author.path)),
    },
  });
}

/** Section fronts and their later pages show the section's card; topics and authors the site's. */
function listingCard(listing: Listing): CardRef {
  return listing.kind === 'section'
    ? sectionCard({ slug: listing.key, name: listing.title, description: listing.description })
    : siteCard();
}

export function listingMetadata(listing: Listing | undefined, page: number): Metadata {
  if (!listing) return {};
  return pageMetadata({
    title: page > 1 ? `${listing.title} (page ${page})` : listing.title,
    description: listing.description,
    path: pagePath(listing.basePath, page),
    card: listingCard(listing),
    feedSection: listing.kind === 'section' ? { path: listing.basePath, name: listing.title } : undefined,
  });
}

/** Search results: kept out of search engines' indexes (noindex), while their links are followed. */
export function searchMetadata(query: string): Metadata {
  return {
    title: query ? `Search results for “${query}”` : 'Search',
    description: `Search every ${siteConfig.name} story by word, name or place.`,
    alternates: { types: feedAlternates() },
    robots: { index: false, follow: true },
  };
}
