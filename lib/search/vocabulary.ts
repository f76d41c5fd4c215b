import SearchableMap from 'minisearch/SearchableMap';

/**
 * The words the indexed stories use, with how many stories used each: the source of "did you
 * mean" suggestions. Words are only ever added (a withdrawn story's words stay): indexing pays
 * one look-up per distinct word, and the engine offers a suggestion only after checking that
 * stories have it.
 */
export class Vocabulary {
  private readonly counts = new Map<string, { stories: number }>();
  /** The same words in a radix tree, for fuzzy look-ups; touched only when a word is new. */
  private readonly words = new SearchableMap<true>();

  add(words: Iterable<string>): void {
    for (const word of words) {
      const entry = this.counts.get(word);
      if (entry) entry.stories++;
      else {
        this.counts.set(word, { stories: 1 });
        this.words.set(word, true);
      }
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /**
   * The closest known spelling of a word: fewest edits (one for words of up to four letters,
   * two beyond), then the word most stories used, then alphabetical; undefined if none is close.
   */
  correct(word: string): string | undefined {
    const maxEdits = word.length <= 4 ? 1 : 2;
    let best: { word: string; edits: number; count: number } | undefined;
    for (const [candidate, [, edits]] of this.words.fuzzyGet(word, maxEdits)) {
      if (edits === 0) return candidate;
      const count = this.counts.get(candidate)?.stories ?? 0;
      if (
        !best ||
        edits < best.edits ||
        (edits === best.edits && (count > best.count || (count === best.count && candidate < best.word)))
      ) {
        best = { word: candidate, edits, count };
      }
    }
    return best?.word;
  }
}
