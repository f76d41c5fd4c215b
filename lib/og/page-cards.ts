import { siteConfig } from '../config';
import type { LiveBlog } from '../content/repository';
import type { Article, LiveEntry, Photo, Section } from '../content/types';
import { entryHeadline, entryPath } from '../live-blog';
import type { CardLiveStatus, CardRef } from './card-image';

/**
 * The card each kind of page shows, used both by the opengraph-image files (to draw it) and by
 * the page metadata (to link it), so the two never disagree.
 */
export function siteCard(): CardRef {
  return {
    path: '/',
    spec: { kind: 'front', title: siteConfig.name, description: siteConfig.tagline },
    alt: `${siteConfig.name}: ${siteConfig.tagline}`,
  };
}

export function sectionCard(section: Pick<Section, 'slug' | 'name' | 'description'>): CardRef {
  return {
    path: `/${section.slug}`,
    spec: { kind: 'front', title: section.name, description: section.description },
    alt: `${siteConfig.name} ${section.name}: ${section.description}`,
  };
}

/** A live blog's status on its card: the card's URL follows the latest update, so platforms fetch it again. */
function blogStatus(article: Pick<Article, 'live'>, blog: Pick<LiveBlog, 'latest' | 'ended'>): CardLiveStatus {
  return blog.ended ? { label: 'Ended', time: article.live?.ended } : { label: 'Live', time: blog.latest?.posted };
}

/** A story's card; a live blog's (`blog`) says "Live" with its latest update, or "Ended". */
export function articleCard(article: Pick<Article, 'path' | 'headline' | 'hero' | 'live'>, sectionName: string, blog?: Pick<LiveBlog, 'latest' | 'ended'>): CardRef {
  const live = blog && blogStatus(article, blog);
  return {
    path: article.path,
    spec: { kind: 'article', section: sectionName, headline: article.headline, photo: article.hero, ...(live && { live }) },
    alt: `${live ? `${live.label}: ` : ''}${sectionName}: ${article.headline}`,
  };
}

/** An entry's own card: its title (or the blog's headline), its time, its photo or the blog's hero. */
export function entryCard(article: Pick<Article, 'path' | 'headline' | 'hero'>, sectionName: string, entry: LiveEntry): CardRef {
  const headline = entryHeadline(entry, article);
  return {
    path: entryPath(article, entry.id),
    spec: { kind: 'article', section: sectionName, headline, photo: entry.photo ?? article.hero, live: { label: 'Update', time: entry.posted } },
    alt: `${sectionName}: ${headline}`,
  };
}

export function galleryPhotoCard(photoPagePath: string, photo: Photo): CardRef {
  return { path: photoPagePath, spec: { kind: 'gallery-photo', photo }, alt: photo.alt };
}
