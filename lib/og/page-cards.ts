import { siteConfig } from '../config';
import type { Article, Photo, Section } from '../content/types';
import type { CardRef } from './card-image';

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

export function articleCard(article: Pick<Article, 'path' | 'headline' | 'hero'>, sectionName: string): CardRef {
  return {
    path: article.path,
    spec: { kind: 'article', section: sectionName, headline: article.headline, photo: article.hero },
    alt: `${sectionName}: ${article.headline}`,
  };
}

export function galleryPhotoCard(photoPagePath: string, photo: Photo): CardRef {
  return { path: photoPagePath, spec: { kind: 'gallery-photo', photo }, alt: photo.alt };
}
