/**
 * The words of a Markdown body, without its markup: what a reader sees, so search neither
 * indexes link addresses and markup nor shows them in a snippet. Regular expressions rather
 * than the Markdown pipeline, because this runs over every article at indexing time; elements
 * the page never shows (scripts, styles, frames) lose their content too, as the sanitiser
 * removes them from the page (lib/markdown.ts).
 */

const HIDDEN_ELEMENTS = /<(script|style|iframe|noscript|template|svg|math|object)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const COMMENTS = /<!--[\s\S]*?(-->|$)/g;
const TAGS = /<\/?[a-zA-Z][^>]*>/g;
const IMAGES = /!\[([^\]]*)\]\([^)]*\)/g;
const LINKS = /\[([^\]]*)\]\([^)]*\)/g;
const REFERENCE_LINKS = /\[([^\]]*)\]\[[^\]]*\]/g;
const LINK_DEFINITIONS = /^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gm;
const LINE_MARKERS = /^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm;
const EMPHASIS = /(\*{1,3}|_{1,3}|~~|`+)/g;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

export function markdownToPlainText(markdown: string): string {
  const text = markdown
    .replace(HIDDEN_ELEMENTS, ' ')
    .replace(COMMENTS, ' ')
    .replace(TAGS, ' ')
    .replace(IMAGES, '$1')
    .replace(LINKS, '$1')
    .replace(REFERENCE_LINKS, '$1')
    .replace(LINK_DEFINITIONS, '')
    .replace(LINE_MARKERS, '')
    .replace(EMPHASIS, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}
