/**
 * Interns the words of one batch to dense ids, so that every later measure (n-grams, distinct-n,
 * MinHash shingles, LZ78) works on small integers instead of strings. A word is known by two
 * independent 32-bit hashes the tokenizer computes as it scans (FNV-1a and a base-31 polynomial):
 * comparing 64 bits instead of the characters made interning 3× faster, and two different words
 * of a batch share both hashes with probability ~V² / 2⁶⁵ (1e-12 for 5,000 distinct words).
 */
export class Vocabulary {
  /** The distinct words, by id. */
  readonly words: string[] = [];
  /** Per slot, side by side: hash, second hash, id + 1 (0 = empty), unused. */
  private entries: Int32Array;
  private mask: number;
  /** Per word: the last document it was seen in (-1 = none), for per-document distinct counts. */
  private lastDoc: Int32Array;
  /** Per word: where its slot starts in `entries` (clearing empties those, not the whole table). */
  private slotOf: Int32Array;

  /** `expected` sizes the table for that many distinct words without growing. */
  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.entries = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
    this.lastDoc = new Int32Array(capacity).fill(-1);
    this.slotOf = new Int32Array(capacity);
  }

  /**
   * Forgets every word (ids start again at 0), keeping the capacity.
   * @example
   * const vocab = scratch.keep("vocabulary", () => new Vocabulary()).clear();
   */
  clear(): this {
    for (let id = 0; id < this.words.length; id++) this.entries[this.slotOf[id]! + 2] = 0;
    this.lastDoc.fill(-1, 0, this.words.length);
    this.words.length = 0;
    return this;
  }

  /** Number of distinct words. */
  get size(): number {
    return this.words.length;
  }

  /**
   * The id of the word `text.slice(start, end)` whose hashes are `hash` and `hash2` (see
   * `wordHashes`); when it is new, a new id if `add`, else -1.
   * @example
   * const v = new Vocabulary();
   * const [h, h2] = wordHashes("cat", 0, 3);
   * v.id("a cat", 2, 5, h, h2, true); // 0
   */
  id(text: string, start: number, end: number, hash: number, hash2: number, add: boolean): number {
    const id = this.find(hash, hash2);
    return id >= 0 || !add ? id : this.add(text.slice(start, end), hash, hash2);
  }

  /**
   * The id of the word with hashes `hash` and `hash2`, -1 when there is none.
   * @example
   * v.find(...wordHashes("cat", 0, 3)); // 0
   */
  find(hash: number, hash2: number): number {
    const entries = this.entries;
    const mask = this.mask;
    let slot = mix(hash) & mask;
    for (;;) {
      const at = slot << 2;
      const entry = entries[at + 2]!;
      if (entry === 0) return -1;
      if (entries[at] === hash && entries[at + 1] === hash2) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Adds `word`, whose hashes are `hash` and `hash2` and which `find` does not know; returns its id.
   * @example
   * v.add("dog", ...wordHashes("dog", 0, 3)); // 1
   */
  add(word: string, hash: number, hash2: number): number {
    const entries = this.entries;
    const mask = this.mask;
    let slot = mix(hash) & mask;
    while (entries[(slot << 2) + 2] !== 0) slot = (slot + 1) & mask;
    const at = slot << 2;
    const id = this.words.length;
    this.words.push(word);
    entries[at] = hash;
    entries[at + 1] = hash2;
    entries[at + 2] = id + 1;
    this.slotOf[id] = at;
    if (this.words.length * 2 > mask) this.grow();
    return id;
  }

  /** True the first time word `id` is seen in document `doc` (documents are numbered upwards). */
  firstInDoc(id: number, doc: number): boolean {
    if (this.lastDoc[id] === doc) return false;
    this.lastDoc[id] = doc;
    return true;
  }

  /**
   * 1 the first time word `id` is seen in document `doc`, else 0 (firstInDoc as a number): branch-free,
   * since whether a word is new to a document is a coin toss the branch predictor keeps losing.
   * @example
   * [v.seenIn(0, 4), v.seenIn(0, 4)]; // [1, 0]
   */
  seenIn(id: number, doc: number): number {
    const before = this.lastDoc[id]! ^ doc;
    this.lastDoc[id] = doc;
    return (before | -before) >>> 31;
  }

  /**
   * Forgets that word `id` was seen in its last document (for a document scanned again).
   * @example
   * v.firstInDoc(0, 3); // true
   * v.forgetDoc(0);
   * v.firstInDoc(0, 3); // true again
   */
  forgetDoc(id: number): void {
    this.lastDoc[id] = -1;
  }

  private grow(): void {
    const old = this.entries;
    const capacity = (this.mask + 1) * 2;
    const entries = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    const slotOf = new Int32Array(capacity);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      let slot = mix(old[at]!) & mask;
      while (entries[(slot << 2) + 2] !== 0) slot = (slot + 1) & mask;
      entries.set(old.subarray(at, at + 4), slot << 2);
      slotOf[old[at + 2]! - 1] = slot << 2;
    }
    const lastDoc = new Int32Array(capacity).fill(-1);
    lastDoc.set(this.lastDoc);
    this.entries = entries;
    this.mask = mask;
    this.lastDoc = lastDoc;
    this.slotOf = slotOf;
  }
}

/** FNV-1a offset basis and prime: the tokenizer folds each character in with `Math.imul(h ^ c, FNV_PRIME)`. */
export const FNV_OFFSET = -2128831035; // 0x811c9dc5 as an int32
export const FNV_PRIME = 0x01000193;

/**
 * The two hashes of `text.slice(start, end)`, as the tokenizer computes them: FNV-1a, and the
 * polynomial `h2 = 31 * h2 + c` (mod 2³²).
 * @example
 * wordHashes("cat", 0, 3); // the same as wordHashes("a cat", 2, 5)
 */
export function wordHashes(text: string, start: number, end: number): [number, number] {
  let h = FNV_OFFSET;
  let h2 = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, FNV_PRIME);
    h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return [h, h2];
}

// FNV's low bits are weak for short words; mix before masking.
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
