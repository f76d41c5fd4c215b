import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/config';
import { SITEMAP_PATHS } from '@/lib/seo/sitemaps';

/**
 * Crawling stays allowed even on a non-indexable deployment: a crawler that may not fetch a
 * page never sees its noindex, and could still index the bare URL.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/' },
    // The index names the others, and leaves out a news sitemap with no recent story.
    sitemap: absoluteUrl(SITEMAP_PATHS.index),
  };
}
