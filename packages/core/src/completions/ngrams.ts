import { PairTable } from "./pair-table.js";

/** The word n-grams of one size over a batch of tokenized documents. */
export interface NgramLevel {
  /** n of the n-grams. */
  n: number;
  /** `ids[k]`: id of the n-gram that starts at token k; -1 where it would run past its document. */
  ids: Int32Array;
  /** Distinct n-grams in the batch (ids are 0 … distinct - 1). */
  distinct: number;
  /** N-grams in the batch, counted with repeats. */
  total: number;
}

/**
 * Exact ids of the word n-grams of every size 1 … maxN, built by chaining: the id of an n-gram is
 * the interned pair (id of its first n-1 words, id of its last word), so each size costs one table
 * lookup per token, whatever n is. `starts[d]` … `starts[d + 1]` are document d's tokens.
 * @example
 * // tokens "a b a b" as ids 0 1 0 1, one document:
 * const [, bigrams] = ngramLevels(Int32Array.of(0, 1, 0, 1), [0, 4], 2, 2);
 * bigrams.distinct; // 2 ("a b", "b a")
 */
export function ngramLevels(
  tokens: Int32Array,
  starts: ArrayLike<number>,
  vocabSize: number,
  maxN: number,
): NgramLevel[] {
  const docs = starts.length - 1;
  const count = docs >= 0 ? starts[docs]! : 0;
  const unigrams = tokens.subarray(0, count);
  const levels: NgramLevel[] = [{ n: 1, ids: unigrams, distinct: vocabSize, total: count }];
  let prev = unigrams;
  for (let n = 2; n <= maxN; n++) {
    // Most n-grams of a batch of text are distinct from n = 3, a quarter to a third for n = 2
    // (a smaller table grows once at worst; a larger one costs allocation and cache misses).
    const table = new PairTable(n === 2 ? count >> 2 : count);
    const ids = new Int32Array(count).fill(-1);
    let total = 0;
    for (let d = 0; d < docs; d++) {
      const last = starts[d + 1]! - n + 1;
      for (let k = starts[d]!; k < last; k++) ids[k] = table.intern(prev[k]!, tokens[k + n - 1]!);
      if (last > starts[d]!) total += last - starts[d]!;
    }
    levels.push({ n, ids, distinct: table.size, total });
    prev = ids;
  }
  return levels;
}
