import { termOf, tokenize } from './analysis';

/**
 * What a reader typed, understood: plain words, "quoted phrases" and -excluded words or
 * phrases. Nothing else is syntax (no field:, OR, wildcards or brackets), so no input can
 * reach the engine as a command.
 */

/** Longer input is cut: no reader needs more, and every extra word costs a lookup. */
export const MAX_QUERY_LENGTH = 200;
/** Words after this many are ignored, which bounds the work of one search. */
export const MAX_QUERY_TERMS = 12;

export interface QueryWord {
  /** Folded as the index folds it ("Café" -> "cafe"). */
  word: string;
  /** Its index term (stem). */
  term: string;
}

export interface ParsedQuery {
  /** The input as used: control characters removed, spaces collapsed, at most 200 characters. */
  text: string;
  /** True when the input was longer than MAX_QUERY_LENGTH and was cut. */
  truncated: boolean;
  /** Words a story should contain (phrase words included), in order, without repeats. */
  words: QueryWord[];
  /** Each phrase as its folded words, stop words included: they must appear in this order. */
  phrases: string[][];
  excludedWords: QueryWord[];
  excludedPhrases: string[][];
}

/**
 * C0 and C1 controls, and the invisible format characters that can reorder or hide text
 * (bidirectional overrides, zero-width spaces, the byte-order mark).
 */
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
/** A quoted part or a run of non-space characters, either possibly preceded by a minus. */
const PART = /(-?)(?:["“”„«»]([^"“”„«»]*)["“”„«»]?|([^\s"“”„«»]+))/g;

export function cleanQueryText(input: string): { text: string; truncated: boolean } {
  const cleaned = input.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  // By code point, so an emoji is never cut in half.
  const characters = Array.from(cleaned);
  if (characters.length <= MAX_QUERY_LENGTH) return { text: cleaned, truncated: false };
  return { text: characters.slice(0, MAX_QUERY_LENGTH).join('').trim(), truncated: true };
}

export function parseQuery(input: string): ParsedQuery {
  const { text, truncated } = cleanQueryText(input);
  const query: ParsedQuery = { text, truncated, words: [], phrases: [], excludedWords: [], excludedPhrases: [] };
  const seen = new Set<string>();
  const addWords = (words: string[], list: QueryWord[]) => {
    for (const word of words) {
      const term = termOf(word);
      if (term === undefined || seen.has(term) || query.words.length + query.excludedWords.length >= MAX_QUERY_TERMS) continue;
      seen.add(term);
      list.push({ word, term });
    }
  };

  for (const [, minus, quoted, bare] of text.matchAll(PART)) {
    const words = tokenize(quoted ?? bare).map((token) => token.word);
    if (words.length === 0) continue;
    if (minus === '-') {
      // "-word" excludes a word, -"a phrase" (or -open-studios) the words in that order.
      if (words.length === 1) addWords(words, query.excludedWords);
      else query.excludedPhrases.push(words);
    } else {
      if (quoted !== undefined && words.length > 1) query.phrases.push(words);
      addWords(words, query.words);
    }
  }
  return query;
}

/** False for a query with nothing to look for: empty, only punctuation, stop words or exclusions. */
export function hasSearchTerms(query: ParsedQuery): boolean {
  return query.words.length > 0;
}
