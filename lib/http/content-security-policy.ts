import { createHash } from 'node:crypto';
import { parse } from 'parse5';

/**
 * A Content-Security-Policy with neither 'unsafe-inline' nor 'unsafe-eval' for scripts.
 *
 * Next's App Router writes inline scripts into every page (the React Server Components payload
 * and the bootstrap). Nonces would force every page to render per request, so instead each
 * document is allowed exactly the inline code it contains: the sha256 of every inline script,
 * <style> element and style attribute. Static pages stay static.
 */
export interface InlineSourceHashes {
  scripts: string[];
  styles: string[];
  /** Hashes of style="..." attribute values; CSP only matches them with 'unsafe-hashes'. */
  styleAttributes: string[];
}

interface HtmlNode {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

/** Script types a browser executes; anything else (application/ld+json, ...) is inert data. */
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

function sourceHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function attribute(node: HtmlNode, name: string): string | undefined {
  return node.attrs?.find((attr) => attr.name === name)?.value;
}

function textContent(node: HtmlNode): string {
  return (node.childNodes ?? []).map((child) => (child.nodeName === '#text' ? child.value ?? '' : '')).join('');
}

/** The hashes a document needs, read with a spec-compliant HTML parser (what the browser sees). */
export function inlineSourceHashes(html: string): InlineSourceHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const styleAttributes = new Set<string>();
  const visit = (node: HtmlNode) => {
    const style = attribute(node, 'style');
    if (style !== undefined) styleAttributes.add(sourceHash(style));
    if (node.nodeName === 'script' && attribute(node, 'src') === undefined) {
      const type = (attribute(node, 'type') ?? '').trim().toLowerCase();
      if (EXECUTABLE_SCRIPT_TYPES.has(type)) scripts.add(sourceHash(textContent(node)));
    } else if (node.nodeName === 'style') {
      styles.add(sourceHash(textContent(node)));
    }
    node.childNodes?.forEach(visit);
    if (node.content) visit(node.content);
  };
  visit(parse(html) as unknown as HtmlNode);
  return { scripts: [...scripts], styles: [...styles], styleAttributes: [...styleAttributes] };
}

const NO_INLINE_SOURCES: InlineSourceHashes = { scripts: [], styles: [], styleAttributes: [] };

/** The policy for a document with the given inline sources (none for non-HTML responses). */
export function contentSecurityPolicy(hashes: InlineSourceHashes = NO_INLINE_SOURCES): string {
  const styleSources = [
    "'self'",
    ...hashes.styles,
    ...(hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : []),
  ];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes.scripts].join(' '),
    `style-src ${styleSources.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Convenience for the server: the policy of one HTML document. */
export function documentSecurityPolicy(html: string): string {
  return contentSecurityPolicy(inlineSourceHashes(html));
}
