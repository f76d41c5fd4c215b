import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { unified } from 'unified';

/**
 * Wire bodies are HTML. They are cleaned here with the same sanitising schema as Markdown
 * bodies (lib/markdown.ts: GitHub's, no h1), and more: whole documents are reduced to their
 * content, embedded media (pictures come from associations) and anything that is not text are
 * removed, not unwrapped. The result is written as the article's Markdown body; it is laid out
 * as one HTML block (no blank lines), so Markdown leaves it alone and lib/markdown.ts cleans it
 * again when the page renders.
 */

/** Removed with everything inside them. */
const DROP = new Set([
  'script', 'style', 'title', 'head', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'svg', 'math', 'canvas', 'img', 'picture', 'source', 'video', 'audio', 'track', 'map', 'form',
  'input', 'button', 'select', 'option', 'textarea', 'link', 'meta', 'base', 'dialog',
]);
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'svg', 'canvas']);

const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !['h1', 'img', 'picture', 'source', 'input'].includes(tag)),
  strip: [...DROP],
};

/** Elements that may stand at the top of the body; any other run of content is wrapped in a paragraph. */
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'pre', 'hr', 'div', 'details', 'section']);

const parser = unified().use(rehypeRaw);
const sanitizer = unified().use(rehypeSanitize, schema);

function parseFragment(html: string): Root {
  const tree: Root = { type: 'root', children: [{ type: 'raw', value: html } as unknown as RootContent] };
  return parser.runSync(tree) as Root;
}

/** Elements whose text reads as separate from what is around it. */
const SEPARATE = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'pre', 'div', 'section', 'br', 'figcaption']);

function textOf(node: Root | ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if (!('children' in node)) return '';
  const inner = (node.children as ElementContent[]).map(textOf).join('');
  return node.type === 'element' && SEPARATE.has(node.tagName) ? ` ${inner} ` : inner;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function containsMedia(node: ElementContent): boolean {
  return node.type === 'element' && (MEDIA.has(node.tagName) || node.children.some(containsMedia));
}

/** Before sanitising: drop figures that hold media, the headline repeated as an h1, demote other h1s. */
function prune(children: ElementContent[], headline: string): ElementContent[] {
  return children.flatMap((node): ElementContent[] => {
    if (node.type === 'comment') return [];
    if (node.type !== 'element') return [node];
    if (DROP.has(node.tagName)) return [];
    if (node.tagName === 'figure' && containsMedia(node)) return [];
    if (node.tagName === 'h1') {
      if (squash(textOf(node)).toLowerCase() === squash(headline).toLowerCase()) return [];
      return [{ ...node, tagName: 'h2', children: prune(node.children, headline) }];
    }
    return [{ ...node, children: prune(node.children, headline) }];
  });
}

/** Whitespace to single spaces (in <pre>, line breaks to <br>), so the HTML never holds a blank line. */
function flatten(node: ElementContent, inPre: boolean): ElementContent[] {
  if (node.type === 'text') {
    if (!inPre) return [{ type: 'text', value: node.value.replace(/\s+/g, ' ') }];
    return node.value.split(/\r?\n/).flatMap((line, i): ElementContent[] => [
      ...(i ? [{ type: 'element', tagName: 'br', properties: {}, children: [] } as Element] : []),
      ...(line ? [{ type: 'text', value: line } as Text] : []),
    ]);
  }
  if (node.type !== 'element') return [];
  const properties = Object.fromEntries(
    Object.entries(node.properties ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/\s+/g, ' ') : value]),
  );
  return [{ ...node, properties, children: node.children.flatMap((child) => flatten(child, inPre || node.tagName === 'pre')) }];
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' ? !node.value.trim() : false;
}

/** Top-level content as blocks: runs of inline content and text become paragraphs. */
function blocks(children: ElementContent[]): Element[] {
  const out: Element[] = [];
  let run: ElementContent[] = [];
  const close = () => {
    if (run.some((node) => !isBlank(node))) out.push({ type: 'element', tagName: 'p', properties: {}, children: trimRun(run) });
    run = [];
  };
  for (const node of children) {
    if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      close();
      // A <div> or <section> of wire layout (`<div class="bodytext">`) is unwrapped into its blocks.
      if (node.tagName === 'div' || node.tagName === 'section') out.push(...blocks(node.children));
      else if (textOf(node).trim() || node.tagName === 'hr' || node.tagName === 'table') out.push(node);
    } else run.push(node);
  }
  close();
  return out;
}

function trimRun(run: ElementContent[]): ElementContent[] {
  const copy = [...run];
  while (copy.length && isBlank(copy[0])) copy.shift();
  while (copy.length && isBlank(copy[copy.length - 1])) copy.pop();
  if (copy[0]?.type === 'text') copy[0] = { ...copy[0], value: copy[0].value.trimStart() };
  const last = copy[copy.length - 1];
  if (last?.type === 'text') copy[copy.length - 1] = { ...last, value: last.value.trimEnd() };
  return copy;
}

/**
 * A wire body's HTML, cleaned, as the article's Markdown body: one block element per line.
 * `headline` is removed where the provider repeats it as the body's h1. Empty when nothing
 * readable is left.
 */
export function sanitizeWireHtml(html: string, headline = ''): string {
  const parsed = parseFragment(html);
  const pruned: Root = { type: 'root', children: prune(parsed.children as ElementContent[], headline) as RootContent[] };
  const clean = sanitizer.runSync(pruned) as Root;
  const flat = (clean.children as ElementContent[]).flatMap((child) => flatten(child, false));
  return blocks(flat)
    .map((block) => toHtml(block))
    .join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** A plain-text body as paragraphs: blank lines separate them, or, where there are none, line breaks. */
export function plainTextToHtml(text: string): string {
  const normal = text.replace(/\r\n?/g, '\n').trim();
  const paragraphs = /\n\s*\n/.test(normal) ? normal.split(/\n\s*\n/) : normal.split('\n');
  return paragraphs
    .map((paragraph) => squash(paragraph))
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}

/** The readable text of an HTML fragment (captions and summaries sent as HTML), whitespace squashed. */
export function htmlToText(html: string): string {
  const clean = sanitizer.runSync({ type: 'root', children: prune(parseFragment(html).children as ElementContent[], '') as RootContent[] }) as Root;
  return squash(textOf(clean));
}

/** The text of the first paragraph of cleaned body HTML. */
export function firstParagraphText(bodyHtml: string): string {
  const tree = parseFragment(bodyHtml);
  const first = (tree.children as ElementContent[]).find((node) => node.type === 'element' && node.tagName === 'p' && squash(textOf(node)));
  return first ? squash(textOf(first)) : squash(textOf(tree));
}
