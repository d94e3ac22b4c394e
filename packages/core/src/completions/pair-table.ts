/**
 * Interns pairs of 32-bit integers to dense ids 0, 1, 2… (open addressing, linear probing, one
 * typed array). It is the one structure behind word n-grams (pair of (n-1)-gram id, next word id)
 * and the LZ78 dictionary (pair of node, symbol): exact, and a few nanoseconds per lookup.
 * `clear()` empties it in O(1), so one small table can serve each completion in turn and stay in
 * the CPU cache. Scratch data of one analysis, never part of persisted state.
 */
export class PairTable {
  /** Number of distinct pairs interned since the last clear. */
  size = 0;
  /** Per slot, 4 ints side by side so that a probe touches one cache line: a, b, id, generation. */
  private entries: Int32Array;
  private mask: number;
  /** A slot is in use when it holds the current generation; clearing moves to the next one. */
  private generation = 1;

  /** `expected` sizes the table for that many pairs without growing. */
  constructor(expected = 64) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.entries = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
  }

  /**
   * The id of (a, b), adding the pair when new (a new pair's id is `size - 1` afterwards).
   * @example
   * const t = new PairTable();
   * t.intern(3, 4); // 0
   * t.intern(5, 4); // 1
   * t.intern(3, 4); // 0
   */
  intern(a: number, b: number): number {
    const entries = this.entries;
    const mask = this.mask;
    const generation = this.generation;
    let slot = pairHash(a, b) & mask;
    for (;;) {
      const at = slot << 2;
      if (entries[at + 3] !== generation) {
        const id = this.size++;
        entries[at] = a;
        entries[at + 1] = b;
        entries[at + 2] = id;
        entries[at + 3] = generation;
        if (this.size * 2 > mask) this.grow();
        return id;
      }
      if (entries[at] === a && entries[at + 1] === b) return entries[at + 2]!;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Forgets every pair; ids start again at 0.
   * @example
   * t.clear();
   * t.intern(5, 4); // 0
   */
  clear(): void {
    this.size = 0;
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.entries.fill(0);
      this.generation = 1;
    }
  }

  private grow(): void {
    const old = this.entries;
    const generation = this.generation;
    const capacity = (this.mask + 1) * 2;
    const entries = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] !== generation) continue;
      let slot = pairHash(old[at]!, old[at + 1]!) & mask;
      while (entries[(slot << 2) + 3] === generation) slot = (slot + 1) & mask;
      entries.set(old.subarray(at, at + 4), slot << 2);
    }
    this.entries = entries;
    this.mask = mask;
  }
}

/**
 * A 32-bit hash of two integers, mixed enough for table slots and MinHash bins (multiply-xorshift
 * in the manner of murmur3's finaliser, one round fewer: it sits on every hot path).
 * @example
 * pairHash(1, 2) !== pairHash(2, 1); // true
 */
export function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
