import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
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

/** Markdown to a sanitised HTML tree: raw HTML in the source is parsed, then cleaned. */
export function markdownToTree(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}

export function markdownToHtml(markdown: string): string {
  return toHtml(markdownToTree(markdown));
}

export function markdownToReact(markdown: string): ReactNode {
  return toJsxRuntime(markdownToTree(markdown), { Fragment, jsx, jsxs });
}
