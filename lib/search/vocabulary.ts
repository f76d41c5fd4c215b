import SearchableMap from 'minisearch/SearchableMap';

/**
 * The words the indexed stories use, with how many stories use each: the source of "did you
 * mean" suggestions. Only words that are in the index can be suggested, so a suggestion always
 * finds something.
 */
export class Vocabulary {
  private readonly counts = new SearchableMap<number>();

  add(words: Iterable<string>): void {
    for (const word of words) this.counts.update(word, (count = 0) => count + 1);
  }

  remove(words: Iterable<string>): void {
    for (const word of words) {
      const count = this.counts.get(word) ?? 0;
      if (count <= 1) this.counts.delete(word);
      else this.counts.set(word, count - 1);
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /**
   * The closest known spelling of a word: fewest edits (one for words of up to four letters,
   * two beyond), then the word most stories use, then alphabetical; undefined if none is close.
   */
  correct(word: string): string | undefined {
    const maxEdits = word.length <= 4 ? 1 : 2;
    let best: { word: string; edits: number; count: number } | undefined;
    for (const [candidate, [count, edits]] of this.counts.fuzzyGet(word, maxEdits)) {
      if (edits === 0) return candidate;
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
