/** "Korean Peninsula" -> "korean-peninsula", "Café" -> "cafe", "Москва" -> "москва": the URL form of a tag. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML built as a string (feed items, snippets): markup in it stays text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const WORDS_PER_MINUTE = 230;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const RIGHT_QUOTE = 0x2019;

/**
 * The words of a text: runs that start with a letter or digit (Unicode's) and go on through
 * letters, digits, apostrophes (' and ’) and hyphens. Counted in one pass, without the array of
 * every word that a global match makes: a cold start counts 100,000 bodies.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let letterOrDigit: boolean;
    let joiner: boolean;
    if (code < 0x80) {
      const lower = code | 0x20;
      letterOrDigit = (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a);
      joiner = code === 0x27 || code === 0x2d;
      i++;
    } else {
      const point = text.codePointAt(i)!;
      const width = point > 0xffff ? 2 : 1;
      letterOrDigit = LETTER_OR_DIGIT.test(text.slice(i, i + width));
      joiner = point === RIGHT_QUOTE;
      i += width;
    }
    if (letterOrDigit) {
      if (!inWord) count++;
      inWord = true;
    } else if (!joiner) inWord = false;
  }
  return count;
}

export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
