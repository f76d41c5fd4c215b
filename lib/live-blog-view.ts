import { draftMode } from 'next/headers';
import { articleView, type ArticleView } from './article-view';
import { getContent, type LiveBlog } from './content/repository';
import type { Article, Author, LiveEntry } from './content/types';
import { blogPages, entryAuthors, type BlogPages } from './live-blog';

/** A live blog with what its pages show beside the entries: the story's view, its pages, each entry's authors. */
export interface LiveBlogView extends ArticleView {
  blog: LiveBlog;
  pages: BlogPages;
  /** The entry's authors (its own, or the story's) as author records. */
  authorsOf(entry: LiveEntry): Author[];
}

/** The live blog of a story, as readers see it or (`drafts`) as a preview does; undefined for an ordinary story. */
export function liveBlogView(article: Article, { drafts = false } = {}): LiveBlogView | undefined {
  const content = getContent();
  const blog = content.liveBlog(article, { drafts });
  if (!blog) return undefined;
  const view = articleView(article);
  return {
    ...view,
    blog,
    pages: blogPages(blog),
    authorsOf: (entry) => entryAuthors(entry, article).flatMap((id) => content.author(id) ?? []),
  };
}

/** One of the blog's shown entries by id (a draft only in a preview's view), or undefined. */
export function findEntry(view: LiveBlogView, id: string): LiveEntry | undefined {
  return view.blog.entries.find((entry) => entry.id === id);
}

/**
 * The live blog a request for one of its pages (archive page, entry permalink) shows: the public
 * blog, or in an editor's preview (draft mode) the story whatever its state, drafts included.
 */
export async function requestedLiveBlog(section: string, slug: string): Promise<{ view: LiveBlogView; preview: boolean } | undefined> {
  const preview = (await draftMode()).isEnabled;
  const content = getContent();
  const article = preview ? content.preview(section, slug) : content.article(section, slug);
  const view = article && liveBlogView(article, { drafts: preview });
  return view && { view, preview };
}
