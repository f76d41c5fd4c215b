import { markdownToReact } from '@/lib/markdown';

/** The article text, from Markdown with any raw HTML sanitised. */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="article-body">{markdownToReact(markdown)}</div>;
}
