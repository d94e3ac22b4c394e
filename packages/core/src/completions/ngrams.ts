import { KeyTable } from "./key-table.js";
import { PairTable } from "./pair-table.js";
import { Scratch } from "./scratch.js";

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
  scratch = new Scratch(),
): NgramLevel[] {
  const docs = starts.length - 1;
  const count = docs >= 0 ? starts[docs]! : 0;
  const unigrams = tokens.subarray(0, count);
  const levels: NgramLevel[] = [{ n: 1, ids: unigrams, distinct: vocabSize, total: count }];
  let prev = unigrams;
  let prevDistinct = vocabSize;
  for (let n = 2; n <= maxN; n++) {
    const ids = scratch.int32(`${n}-gram ids`, count);
    let total = 0;
    // Each level writes the ids up to a document's last n-gram; -1 goes after it.
    for (let d = 0; d < docs; d++) {
      const last = Math.max(starts[d]!, starts[d + 1]! - n + 1);
      total += last - starts[d]!;
      for (let k = last; k < starts[d + 1]!; k++) ids[k] = -1;
    }
    const distinct =
      prevDistinct * vocabSize < 0x7fffffff
        ? packedLevel(tokens, starts, n, prev, vocabSize, ids, scratch)
        : pairLevel(tokens, starts, n, prev, ids);
    levels.push({ n, ids, distinct, total });
    prev = ids;
    prevDistinct = distinct;
  }
  return levels;
}

/**
 * Interns level n as one key per n-gram, `prefix id * vocabSize + last word` (below 2³¹: `imul` is
 * exact and keeps the arithmetic in int32); returns the distinct count.
 */
function packedLevel(
  tokens: Int32Array,
  starts: ArrayLike<number>,
  n: number,
  prev: Int32Array,
  vocabSize: number,
  ids: Int32Array,
  scratch: Scratch,
): number {
  // Most n-grams of a batch of text are distinct from n = 3, a quarter to a third for n = 2.
  const expected = n === 2 ? starts[starts.length - 1]! >> 2 : starts[starts.length - 1]!;
  const table = scratch.keep(`${n}-gram table`, () => new KeyTable(expected)).clear();
  for (let d = 0; d < starts.length - 1; d++)
    table.internRange(prev, tokens, n - 1, vocabSize, starts[d]!, starts[d + 1]! - n + 1, ids);
  return table.size;
}

/** The same with (prefix id, last word) pairs, for prefixes too many to pack. */
function pairLevel(
  tokens: Int32Array,
  starts: ArrayLike<number>,
  n: number,
  prev: Int32Array,
  ids: Int32Array,
): number {
  const table = new PairTable(n === 2 ? starts[starts.length - 1]! >> 2 : starts[starts.length - 1]!);
  for (let d = 0; d < starts.length - 1; d++) {
    const last = starts[d + 1]! - n + 1;
    for (let k = starts[d]!; k < last; k++) ids[k] = table.intern(prev[k]!, tokens[k + n - 1]!);
  }
  return table.size;
}
