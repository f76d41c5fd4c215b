import { getContent } from '@/lib/content/repository';
import { entryPath } from '@/lib/live-blog';
import { photoPath, tagPath } from '@/lib/paths';

const content = getContent();

/** The article with the largest gallery: it has every part an article page can have but syndication. */
export const galleryArticle = content.articles.reduce((best, a) => (a.gallery.length > best.gallery.length ? a : best));

/** A live blog with entries: its page and its entries' permalinks are pages of their own kind. */
export const liveBlogArticle = content.articles.find((a) => content.liveBlog(a)?.entries.length)!;

/** One page of every kind a reader meets, named for test titles. */
export function representativePages(): { name: string; path: string }[] {
  const storiesWith = (slug: string) => content.heldListPage(`tag:${slug}`, 1, 1)!.total;
  const busiestTag = content.tags.reduce((best, tag) => (storiesWith(tag.slug) > storiesWith(best.slug) ? tag : best));
  const syndicated = content.articles.find((a) => a.syndication);
  const entry = content.liveBlog(liveBlogArticle)!.entries.find((e) => e.photo) ?? content.liveBlog(liveBlogArticle)!.entries[0];
  return [
    { name: 'home page', path: '/' },
    { name: 'section front', path: `/${content.sections[0].slug}` },
    { name: 'tag page', path: tagPath(busiestTag.slug) },
    { name: 'author page', path: content.authors[0].path },
    { name: 'article with a gallery', path: galleryArticle.path },
    ...(syndicated ? [{ name: 'syndicated article', path: syndicated.path }] : []),
    { name: 'gallery photo permalink', path: photoPath(galleryArticle, 2) },
    { name: 'live blog', path: liveBlogArticle.path },
    { name: 'live blog entry permalink', path: entryPath(liveBlogArticle, entry.id) },
    { name: '404 page', path: '/no-such-section/no-such-story' },
  ];
}

/** A phone and a desktop, the two layouts the CSS has. */
export const VIEWPORTS = {
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;

export const COLOR_SCHEMES = ['light', 'dark'] as const;
