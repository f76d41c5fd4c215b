import { tokenize, type Token } from './analysis';

/**
 * A result's snippet: the passage of a text where most of the query's words meet, with those
 * words marked. It is plain text split into segments, never an HTML string: the page renders
 * each highlighted segment as a <mark> element and React escapes every character of the text,
 * so no article or query can put markup on the results page.
 */
export interface TextSegment {
  text: string;
  highlighted: boolean;
}

export type HighlightedText = TextSegment[];

/** About two lines on a phone, three on a desktop. */
export const SNIPPET_WORDS = 30;
/** Words of context kept before the first match, so a snippet does not start on the match. */
const LEAD_IN_WORDS = 4;

/** Adds a piece of text to a snippet; neighbouring plain pieces become one segment. */
export function appendSegment(segments: HighlightedText, text: string, highlighted: boolean): void {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && !last.highlighted && !highlighted) last.text += text;
  else segments.push({ text, highlighted });
}

/**
 * `matchOf` names what a token matches (its index term) or returns undefined; the window with
 * the most different matches wins, then the one with most matches, then the earliest.
 */
export function buildSnippet(text: string, matchOf: (token: Token) => string | undefined, words = SNIPPET_WORDS): HighlightedText {
  const tokens = tokenize(text);
  if (tokens.length === 0) return text.trim() ? [{ text: text.trim(), highlighted: false }] : [];
  const matches = tokens.map(matchOf);

  const inWindow = new Map<string, number>();
  const enter = (i: number, by: number) => {
    const key = matches[i];
    if (key === undefined) return;
    const count = (inWindow.get(key) ?? 0) + by;
    if (count === 0) inWindow.delete(key);
    else inWindow.set(key, count);
  };
  let matched = 0;
  let best = { start: 0, distinct: -1, matched: -1 };
  for (let end = 0; end < tokens.length; end++) {
    enter(end, 1);
    if (matches[end] !== undefined) matched++;
    const start = end - words + 1;
    if (start > 0) {
      enter(start - 1, -1);
      if (matches[start - 1] !== undefined) matched--;
    }
    if (inWindow.size > best.distinct || (inWindow.size === best.distinct && matched > best.matched)) {
      best = { start: Math.max(0, start), distinct: inWindow.size, matched };
    }
  }

  const firstMatch = matches.findIndex((match, i) => i >= best.start && match !== undefined);
  const start = firstMatch === -1 ? 0 : Math.max(0, firstMatch - LEAD_IN_WORDS);
  const end = Math.min(tokens.length, start + words);
  const segments: HighlightedText = [];
  const push = (piece: string, highlighted: boolean) => appendSegment(segments, piece, highlighted);
  let position = start === 0 ? 0 : tokens[start].start;
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) {
    if (matches[i] === undefined) continue;
    push(text.slice(position, tokens[i].start), false);
    push(text.slice(tokens[i].start, tokens[i].end), true);
    position = tokens[i].end;
  }
  push(end === tokens.length ? text.slice(position).trimEnd() : `${text.slice(position, tokens[end - 1].end)} …`, false);
  return segments;
}
