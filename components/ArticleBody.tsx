import { markdownToHtml } from '@/lib/markdown';

/**
 * The article text, from Markdown with any raw HTML sanitised. Set as HTML rather than React
 * elements: the client receives it as one string and React does not hydrate the paragraphs,
 * which nothing on the client ever updates.
 */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: markdownToHtml(markdown) }} />;
}

