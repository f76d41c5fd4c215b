import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * GitHub's sanitising schema (no scripts, styles, event handlers, javascript:/data: links),
 * minus headings above h2: the headline is the page's only h1.
 */
const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'h1'),
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, schema);

/** Markdown to sanitised HTML: raw HTML in the source is parsed, then cleaned. */
export function markdownToHtml(markdown: string): string {
  return toHtml(processor.runSync(processor.parse(markdown)) as Root);
}
