import type { ReactElement } from 'react';
import { siteConfig } from '../config';
import type { Photo } from '../content/types';
import { coveredCodePoints } from './fonts';
import { cardContentType, type CardSpec } from './card-image';
import { articleCard, articlePhotoSize, frontCard, galleryPhotoCard, galleryPhotoSize } from './layouts';
import { photoDataUrl } from './photo';
import { renderCardOrFallback } from './render';
import { drawableText, truncateText } from './text';
import { formatDateTime } from '../dates';

/** Card text: only drawable characters, shortened, or `fallback` when nothing drawable is left. */
function cardText(text: string, max: number, fallback = ''): string {
  const drawable = drawableText(text, coveredCodePoints);
  return drawable ? truncateText(drawable, max) : fallback;
}

const siteName = () => cardText(siteConfig.name, 40, 'News');
const host = () => siteConfig.origin.host;

/** The card served when a real card cannot be drawn: brand and tagline only, no photo. */
function fallbackCard(): ReactElement {
  return frontCard({ siteName: siteName(), title: siteName(), description: cardText(siteConfig.tagline, 140), host: host() });
}

async function cardPhoto(photo: Photo, box: { width: number; height: number }, fit: 'cover' | 'contain') {
  return { dataUrl: await photoDataUrl(photo.src, box, fit), credit: cardText(photo.credit, 70) };
}

async function cardElement(spec: CardSpec): Promise<ReactElement> {
  switch (spec.kind) {
    case 'article':
      return articleCard({
        siteName: siteName(),
        section: cardText(spec.section, 24),
        headline: cardText(spec.headline, 160, siteConfig.name),
        host: host(),
        photo: spec.photo && (await cardPhoto(spec.photo, articlePhotoSize, 'cover')),
        live: spec.live && { label: spec.live.label, time: spec.live.time ? cardText(formatDateTime(spec.live.time), 60) : '' },
      });
    case 'gallery-photo':
      return galleryPhotoCard({ siteName: siteName(), caption: cardText(spec.photo.caption, 200), photo: await cardPhoto(spec.photo, galleryPhotoSize, 'contain') });
    case 'front':
      return frontCard({ siteName: siteName(), title: cardText(spec.title, 60, siteConfig.name), description: cardText(spec.description, 200), host: host() });
  }
}

/** The card as an HTTP response: a JPEG that is always there, the fallback card at worst. */
export async function cardResponse(spec: CardSpec): Promise<Response> {
  const jpeg = await renderCardOrFallback(() => cardElement(spec), fallbackCard);
  return new Response(new Uint8Array(jpeg), { headers: { 'Content-Type': cardContentType } });
}
