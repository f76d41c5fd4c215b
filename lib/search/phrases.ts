import type { Article } from '../content/types';
import { tokenize } from './analysis';
import { markdownToPlainText } from './plain-text';

/**
 * Quoted phrases word for word: a story has a phrase when one of its texts (headline,
 * standfirst, one topic, the body as readers see it) has the phrase's folded words in order,
 * stop words included, with only non-words between them. The index finds the candidates (its
 * terms are stems without stop words, so it cannot tell "leap seconds" from "leap second");
 * this decides.
 */

function containsSequence(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A phrase's words in order with only non-words between them, tested on the raw text: most
 * texts are ASCII, where this is exact and far cheaper than tokenising every candidate. Text
 * with other characters is tokenised and folded, so "cafe society" still finds "Café society".
 */
export function phraseMatcher(phrase: string[]): (text: string) => boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase.map(escapeRegExp).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => {
    if (pattern.test(text)) return true;
    return !ASCII.test(text) && containsSequence(tokenize(text).map((token) => token.word), phrase);
  };
}

/** A body without tags, entities or links reads as its Markdown source, markers being non-words. */
const NEEDS_PLAIN_TEXT = /[<&[]/;

export function containsPhrase(article: Article, matches: (text: string) => boolean): boolean {
  // Each tag on its own, so a phrase never spans two tags; the body as the reader sees it.
  const { body } = article;
  return (
    matches(article.headline) ||
    matches(article.standfirst) ||
    article.tags.some((tag) => matches(tag.name)) ||
    matches(NEEDS_PLAIN_TEXT.test(body) ? markdownToPlainText(body) : body)
  );
}
