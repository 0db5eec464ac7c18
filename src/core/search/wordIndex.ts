/**
 * The inverted word index behind search: word → the documents holding it,
 * with the best field weight the word has in each. Kept compact for the
 * garbage collector: one typed array of postings per word (document number
 * and weight code packed in one integer, sorted by document), not a Map per
 * word. At 10,000 incidents a Map per word made the index millions of hash
 * entries that every young-generation collection copied while it was built:
 * pauses of 40-90 ms on the extension host's thread. Typed arrays hold no
 * pointers and live outside the JavaScript heap once past 64 bytes.
 */

/** Edit distance, or max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Transposition ("zepyhr" for "zephyr") counts as one edit.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A posting packs the document number above WEIGHT_BITS and a weight code below. */
const WEIGHT_BITS = 8;
const WEIGHT_MASK = (1 << WEIGHT_BITS) - 1;

/** Word → documents (with the best field weight the word has in each), kept up to date one document at a time. */
export class WordIndex {
  /**
   * Word → id, open addressing over the words' own characters: a word read
   * from an encoded line is looked up where it stands (String#startsWith at
   * its offset), so only a new word becomes a string of its own. Seeded per
   * index, so record text cannot be written to collide.
   */
  private table = new Int32Array(1024).fill(-1);
  private readonly seed = (Math.random() * 0x7fffffff) | 0;
  /** Per word id: its postings, sorted by document, and how many are used. */
  private lists: Int32Array[] = [];
  private sizes: number[] = [];
  private readonly words: string[] = [];
  /** Weight code → weight (field weights are a handful of values). */
  private readonly weights: number[] = [];
  private readonly weightCodes = new Map<number, number>();
  private byLength?: Map<number, string[]>;
  private sorted?: string[];

  private code(weight: number): number {
    let c = this.weightCodes.get(weight);
    if (c === undefined) {
      if (this.weights.length > WEIGHT_MASK) throw new Error('too many distinct field weights');
      this.weightCodes.set(weight, (c = this.weights.length));
      this.weights.push(weight);
    }
    return c;
  }

  /** Index of document d in word id's postings, or -(insertion point) - 1. */
  private find(id: number, d: number): number {
    const list = this.lists[id]!;
    let lo = 0;
    let hi = this.sizes[id]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const doc = list[mid]! >> WEIGHT_BITS;
      if (doc < d) lo = mid + 1;
      else if (doc > d) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /**
   * Adds document d with its words, as searchWords.ts encodes them ("weight\tword
   * word…" lines), read in place: building the index allocates only the words' strings.
   */
  addEncoded(d: number, encoded: string): void {
    for (let line = 0; line < encoded.length;) {
      let end = encoded.indexOf('\n', line);
      if (end < 0) end = encoded.length;
      const tab = encoded.indexOf('\t', line);
      if (tab >= 0 && tab < end) {
        const weight = Number(encoded.slice(line, tab));
        for (let w = tab + 1; w < end;) {
          let space = encoded.indexOf(' ', w);
          if (space < 0 || space > end) space = end;
          if (space > w) {
            let id = this.lookup(encoded, w, space);
            if (id < 0) id = this.newWord(encoded.slice(w, space));
            this.addPosting(id, d, weight);
          }
          w = space + 1;
        }
      }
      line = end + 1;
    }
  }

  private hash(s: string, from: number, to: number): number {
    let h = this.seed ^ 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }

  /** The slot holding the word s[from, to), or the empty slot where it would go. */
  private slot(s: string, from: number, to: number): number {
    const mask = this.table.length - 1;
    for (let slot = this.hash(s, from, to) & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return slot;
      const w = this.words[id]!;
      if (w.length === to - from && s.startsWith(w, from)) return slot;
    }
  }

  /** The id of the word s[from, to), or -1. */
  private lookup(s: string, from = 0, to = s.length): number {
    return this.table[this.slot(s, from, to)]!;
  }

  private newWord(w: string): number {
    const id = this.words.length;
    this.words.push(w);
    this.lists.push(new Int32Array(4));
    this.sizes.push(0);
    if (this.words.length * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      for (let i = 0; i < this.words.length; i++) this.table[this.slot(this.words[i]!, 0, this.words[i]!.length)] = i;
    } else this.table[this.slot(w, 0, w.length)] = id;
    return id;
  }

  private addPosting(id: number, d: number, weight: number): void {
    const size = this.sizes[id]!;
    const code = this.code(weight);
    // Documents come in increasing order while an index is built: appended.
    const last = size ? this.lists[id]![size - 1]! >> WEIGHT_BITS : -1;
    const at = d > last ? -size - 1 : this.find(id, d);
    if (at >= 0) {
      const p = this.lists[id]![at]!;
      if (this.weights[p & WEIGHT_MASK]! < weight) this.lists[id]![at] = (d << WEIGHT_BITS) | code;
      return;
    }
    let postings = this.lists[id]!;
    if (size === postings.length) {
      const grown = new Int32Array(size * 2);
      grown.set(postings);
      this.lists[id] = postings = grown;
    }
    const i = -at - 1;
    if (i < size) postings.copyWithin(i + 1, i, size);
    postings[i] = (d << WEIGHT_BITS) | code;
    this.sizes[id] = size + 1;
    if (size === 0) this.vocabularyChanged();
  }

  private removeFrom(id: number, d: number): void {
    const at = this.find(id, d);
    if (at < 0) return;
    const size = this.sizes[id]!;
    this.lists[id]!.copyWithin(at, at + 1, size);
    this.sizes[id] = size - 1;
    if (size === 1) {
      this.lists[id] = new Int32Array(4);
      this.vocabularyChanged();
    }
  }

  remove(d: number, list: ReadonlyArray<readonly [string, number]>): void {
    for (const [w] of list) {
      const id = this.lookup(w);
      if (id >= 0) this.removeFrom(id, d);
    }
  }

  /** Without the document's word list (its record is unreadable): every word is checked. */
  removeEverywhere(d: number): void {
    for (let id = 0; id < this.words.length; id++) if (this.sizes[id]) this.removeFrom(id, d);
  }

  private vocabularyChanged(): void {
    this.byLength = undefined;
    this.sorted = undefined;
  }

  private has(word: string): boolean {
    const id = this.lookup(word);
    return id >= 0 && this.sizes[id]! > 0;
  }

  /** Vocabulary words a query word may mean, with how much to trust each (1 exact). */
  expand(token: string): Array<{ word: string; quality: number }> {
    const sorted = (this.sorted ??= this.words.filter((_, id) => this.sizes[id]! > 0).sort());
    if (!this.byLength) {
      this.byLength = new Map();
      for (const w of sorted) {
        const list = this.byLength.get(w.length);
        if (list) list.push(w);
        else this.byLength.set(w.length, [w]);
      }
    }
    const out = new Map<string, number>();
    if (this.has(token)) out.set(token, 1);
    // Prefixes: the user is still typing ("strip" → "stripe").
    if (token.length >= 3) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < token) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && i < lo + 50 && sorted[i]!.startsWith(token); i++) if (!out.has(sorted[i]!)) out.set(sorted[i]!, 0.7);
    }
    // Typos: one edit from 4 letters, two from 8.
    const max = token.length >= 8 ? 2 : token.length >= 4 ? 1 : 0;
    if (max) {
      for (let len = token.length - max; len <= token.length + max; len++) {
        for (const w of this.byLength.get(len) ?? []) {
          if (out.has(w)) continue;
          const d = editDistance(token, w, max);
          if (d <= max) out.set(w, d === 1 ? 0.6 : 0.4);
        }
      }
    }
    return [...out].map(([word, quality]) => ({ word, quality }));
  }

  /** How many documents hold the word. */
  count(word: string): number {
    const id = this.lookup(word);
    return id < 0 ? 0 : this.sizes[id]!;
  }

  /** Calls fn(document, weight) for each document holding the word. */
  forEachDoc(word: string, fn: (d: number, weight: number) => void): void {
    const id = this.lookup(word);
    if (id < 0) return;
    const list = this.lists[id]!;
    for (let i = 0, n = this.sizes[id]!; i < n; i++) fn(list[i]! >> WEIGHT_BITS, this.weights[list[i]! & WEIGHT_MASK]!);
  }
}
