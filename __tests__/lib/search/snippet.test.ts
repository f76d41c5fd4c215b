import { termOf } from '@/lib/search/analysis';
import { buildSnippet, type HighlightedText } from '@/lib/search/snippet';

const matching = (...words: string[]) => {
  const terms = new Set(words.map((w) => termOf(w)));
  return ({ word }: { word: string }) => {
    const term = termOf(word);
    return term !== undefined && terms.has(term) ? term : undefined;
  };
};
const marked = (snippet: HighlightedText) => snippet.filter((s) => s.highlighted).map((s) => s.text);
const joined = (snippet: HighlightedText) => snippet.map((s) => s.text).join('');

describe('buildSnippet', () => {
  const filler = (n: number, word = 'filler') => Array.from({ length: n }, () => word).join(' ');

  it('shows the passage where the most different query words meet, marking each match', () => {
    const text = `${filler(40)} one ladybird here. ${filler(40)} Ladybirds rebounding in gardens. ${filler(40)}`;
    const snippet = buildSnippet(text, matching('ladybird', 'rebound'));
    expect(marked(snippet)).toEqual(['Ladybirds', 'rebounding']);
    expect(joined(snippet)).toMatch(/^… filler .*Ladybirds rebounding in gardens\. .* …$/);
  });

  it('starts at the beginning, without an ellipsis, when the match is there or nothing in the text matches', () => {
    const text = `Hubble looked. ${filler(60)}`;
    expect(joined(buildSnippet(text, matching('hubble'))).startsWith('Hubble looked.')).toBe(true);
    const none = buildSnippet(text, matching('absent'));
    expect(marked(none)).toEqual([]);
    expect(joined(none)).toMatch(/^Hubble looked\. filler.* …$/);
  });

  it('keeps the whole of a short text', () => {
    expect(buildSnippet('A short text about kites.', matching('kite'))).toEqual([
      { text: 'A short text about ', highlighted: false },
      { text: 'kites', highlighted: true },
      { text: '.', highlighted: false },
    ]);
  });

  it('returns hostile text as plain segments, to be escaped where it is shown', () => {
    const text = '<script>alert("kite")</script> <img src=x onerror="alert(1)"> kite & "quotes"';
    const snippet = buildSnippet(text, matching('kite'));
    expect(joined(snippet)).toBe(text);
    expect(marked(snippet)).toEqual(['kite', 'kite']);
  });

  it('is empty for empty text', () => {
    expect(buildSnippet('', matching('x'))).toEqual([]);
  });
});
