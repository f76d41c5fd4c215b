/**
 * The words the indexed stories use, with how many stories used each: the source of "did you
 * mean" suggestions and of typo tolerance. Words are only ever added (a withdrawn story's words
 * stay): indexing pays one look-up per distinct word, and the strategy offers a spelling only
 * after checking that stories have it.
 *
 * Kept compact for a large archive (hundreds of thousands of words): a sorted array of the
 * words with their counts, searched for close spellings like a trie (a Levenshtein row per
 * letter, shared by words with the same beginning, and a whole run of words skipped as soon as
 * their common beginning is too far off), plus the few words added since, searched one by one
 * until they are merged in.
 */

/** Words added since the sorted array was built, searched one by one until there are this many. */
const MERGE_AT = 2_000;

export interface CloseWord {
  word: string;
  edits: number;
  stories: number;
}

/** Fewest edits, then the word most stories use, then alphabetical. */
const closestFirst = (a: CloseWord, b: CloseWord) => a.edits - b.edits || b.stories - a.stories || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);

/** Binary search: the first index whose word is >= `word`. */
function lowerBound(words: readonly string[], word: string, from = 0): number {
  let [low, high] = [from, words.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Levenshtein distance between `a` and `b`, or maxEdits + 1 once it is certain to exceed maxEdits. */
function boundedDistance(a: string, b: string, maxEdits: number): number {
  if (Math.abs(a.length - b.length) > maxEdits) return maxEdits + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (row[j] < smallest) smallest = row[j];
    }
    if (smallest > maxEdits) return maxEdits + 1;
    previous = row;
  }
  return previous[b.length];
}

export class Vocabulary {
  /** Sorted (by UTF-16 code units, as JavaScript compares strings). */
  private sorted: string[] = [];
  private counts = new Int32Array(0);
  /** Words not in `sorted` yet, with their counts. */
  private recent = new Map<string, number>();

  /** A vocabulary of these words and story counts, in any order. */
  static of(counts: Iterable<readonly [string, number]>): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const [word, stories] of counts) vocabulary.recent.set(word, (vocabulary.recent.get(word) ?? 0) + stories);
    vocabulary.merge();
    return vocabulary;
  }

  get size(): number {
    return this.sorted.length + this.recent.size;
  }

  /** One more story uses each of these words. */
  add(words: Iterable<string>): void {
    for (const word of words) this.count(word, 1);
    if (this.recent.size >= MERGE_AT) this.merge();
  }

  /** So many more stories use each of these words. */
  addCounts(counts: Iterable<readonly [string, number]>): void {
    for (const [word, stories] of counts) this.count(word, stories);
    if (this.recent.size >= MERGE_AT) this.merge();
  }

  private count(word: string, stories: number): void {
    const at = lowerBound(this.sorted, word);
    if (this.sorted[at] === word) this.counts[at] += stories;
    else this.recent.set(word, (this.recent.get(word) ?? 0) + stories);
  }

  private merge(): void {
    if (this.recent.size === 0) return;
    const added = [...this.recent.keys()].sort();
    const words: string[] = new Array(this.sorted.length + added.length);
    const counts = new Int32Array(words.length);
    let [i, j, k] = [0, 0, 0];
    while (i < this.sorted.length || j < added.length) {
      if (j >= added.length || (i < this.sorted.length && this.sorted[i] < added[j])) {
        words[k] = this.sorted[i];
        counts[k++] = this.counts[i++];
      } else {
        words[k] = added[j];
        counts[k++] = this.recent.get(added[j++])!;
      }
    }
    [this.sorted, this.counts] = [words, counts];
    this.recent.clear();
  }

  has(word: string): boolean {
    return this.recent.has(word) || this.sorted[lowerBound(this.sorted, word)] === word;
  }

  /** Every known word within `maxEdits` edits (Levenshtein) of `word`, closest first. */
  within(word: string, maxEdits: number): CloseWord[] {
    const found: CloseWord[] = [];
    for (const [candidate, stories] of this.recent) {
      const edits = boundedDistance(candidate, word, maxEdits);
      if (edits <= maxEdits) found.push({ word: candidate, edits, stories });
    }
    this.searchSorted(word, maxEdits, found);
    return found.sort(closestFirst);
  }

  /**
   * The sorted words as a trie: rows[d] is the Levenshtein row of `word` against the first d
   * letters of the current candidate, so a candidate recomputes only the rows past the
   * beginning it shares with the previous one, and when a row's smallest value exceeds
   * maxEdits every word with that beginning is skipped.
   */
  private searchSorted(word: string, maxEdits: number, found: CloseWord[]): void {
    const { sorted, counts } = this;
    const width = word.length + 1;
    const rows: Int32Array[] = [Int32Array.from({ length: width }, (_, j) => j)];
    let previous = '';
    /** Rows valid for `previous` up to this depth. */
    let depth = 0;
    let i = 0;
    outer: while (i < sorted.length) {
      const candidate = sorted[i];
      let shared = 0;
      const limit = Math.min(depth, candidate.length, previous.length);
      while (shared < limit && candidate.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
      for (let d = shared + 1; d <= candidate.length; d++) {
        const above = rows[d - 1];
        const row = (rows[d] ??= new Int32Array(width));
        row[0] = d;
        let smallest = d;
        const letter = candidate.charCodeAt(d - 1);
        for (let j = 1; j < width; j++) {
          const value = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (word.charCodeAt(j - 1) === letter ? 0 : 1));
          row[j] = value;
          if (value < smallest) smallest = value;
        }
        if (smallest > maxEdits) {
          // No word beginning with these d letters can come within maxEdits: skip them all.
          const prefix = candidate.slice(0, d);
          let [low, high] = [i + 1, sorted.length];
          while (low < high) {
            const middle = (low + high) >>> 1;
            if (sorted[middle].startsWith(prefix)) low = middle + 1;
            else high = middle;
          }
          [previous, depth, i] = [candidate, d, low];
          continue outer;
        }
      }
      const edits = rows[candidate.length][word.length];
      if (edits <= maxEdits) found.push({ word: candidate, edits, stories: counts[i] });
      [previous, depth] = [candidate, candidate.length];
      i++;
    }
  }

  /**
   * The closest known spelling of a word: fewest edits (one for words of up to four letters,
   * two beyond), then the word most stories used, then alphabetical; undefined if none is close.
   */
  correct(word: string): string | undefined {
    if (this.has(word)) return word;
    return this.within(word, word.length <= 4 ? 1 : 2)[0]?.word;
  }
}
