import { siteConfig } from './config';

export interface SharedPage {
  /** Absolute URL on our own origin. */
  url: string;
  title: string;
}

export interface ShareLink {
  network: 'x' | 'facebook' | 'linkedin' | 'whatsapp' | 'email';
  label: string;
  href: string;
}

function withQuery(base: string, query: Record<string, string>): string {
  return `${base}?${new URLSearchParams(query).toString()}`;
}

/**
 * Plain share links: the platforms' own share pages, which need neither their scripts nor ours.
 * Everything the page supplies is URL-encoded here, never concatenated raw.
 */
export function shareLinks({ url, title }: SharedPage): ShareLink[] {
  const via = siteConfig.twitterSite.replace(/^@/, '');
  return [
    { network: 'x', label: 'Share on X', href: withQuery('https://x.com/intent/tweet', { text: title, url, ...(via && { via }) }) },
    { network: 'facebook', label: 'Share on Facebook', href: withQuery('https://www.facebook.com/sharer/sharer.php', { u: url }) },
    { network: 'linkedin', label: 'Share on LinkedIn', href: withQuery('https://www.linkedin.com/sharing/share-offsite/', { url }) },
    { network: 'whatsapp', label: 'Share on WhatsApp', href: withQuery('https://wa.me/', { text: `${title} ${url}` }) },
    {
      network: 'email',
      label: 'Share by email',
      // mailto wants %20 for spaces: URLSearchParams would write "+", which mail clients show.
      href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${title}\n\n${url}`)}`,
    },
  ];
}
