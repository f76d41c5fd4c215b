/**
 * Text as a card can draw it: only characters the card fonts cover, so satori never reaches
 * for the network (it downloads fonts for missing glyphs and aborts on an unreachable emoji).
 * Emoji, CJK, Arabic and other uncovered characters are dropped, and the gaps they leave closed.
 */
export function drawableText(text: string, covered: ReadonlySet<number>): string {
  let kept = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (/\s/u.test(char)) kept += ' ';
    else if (covered.has(code)) kept += char;
  }
  return kept
    .replace(/ +/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .trim();
}

/**
 * Shortens text to at most `max` characters at a word boundary, with an ellipsis. The card
 * layout also clamps by lines; this keeps pathological input (one 5,000-character headline)
 * from costing layout time.
 */
export function truncateText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const atWord = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s\p{P}]+$/u, '')}…`;
}
