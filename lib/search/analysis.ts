import { porterStem } from './stemmer';

/**
 * How text becomes search terms, the same for articles and queries: words are runs of letters
 * and digits, folded to lower case without accents ("Café" -> "cafe"), stop words dropped, and
 * stemmed ("ladybirds" -> "ladybird").
 */

export interface Token {
  /** Lower case, accents removed: what readers type, and what spelling suggestions offer. */
  word: string;
  /** Offsets of the word in the original text, for highlighting. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Words so common in English that they say nothing about a story; left out of the index and
 * of queries ("the dmz" finds what "dmz" finds). Quoted phrases still match them exactly.
 */
const STOP_WORDS = new Set(
  ('a an and are as at be but by for from has have he her his i in into is it its of on or our she so than that the their them ' +
    'then there these they this those to was we were what when which who will with you your').split(' '),
);

export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(/\p{M}+/gu, '') : lower;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: foldWord(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Stems repeat endlessly across articles; remembering the latest ones halves indexing time. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/** The index key of a folded word, or undefined for a word the index leaves out. */
export function termOf(word: string): string | undefined {
  // A lone letter ("s" of "Hubble's", "a") carries no meaning; a lone digit ("Falcon 9") may.
  if (STOP_WORDS.has(word) || (word.length === 1 && !/\d/.test(word))) return undefined;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stem = porterStem(word);
    stemCache.set(word, stem);
  }
  return stem;
}
