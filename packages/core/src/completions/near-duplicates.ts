import { findNearDuplicates, MINHASH_BINS, minhashOfIds, minhashSignature } from "./minhash.js";
import type { NgramLevel } from "./ngrams.js";
import { pairHash } from "./pair-table.js";
import { Scratch } from "./scratch.js";
import type { TokenBatch } from "./token-batch.js";

const BIGRAM_SALT = 0x2545f491;
const WORD_SALT = 0x1b873593;

/**
 * Per completion of a batch, 1 when it has a near-duplicate elsewhere in the batch: an exact copy
 * (`firstOf`, from exactDuplicates), or a completion whose word-bigram set has an estimated Jaccard
 * similarity ≥ `threshold` (MinHash with LSH banding). A one-word completion is compared by its word;
 * one without words only by exact copies.
 * @example
 * nearDuplicateFlags(batch, bigrams, exactDuplicates(texts), 0.8); // Uint8Array [1, 1, 0]
 */
export function nearDuplicateFlags(
  batch: TokenBatch,
  bigrams: NgramLevel,
  firstOf: Int32Array,
  threshold: number,
  scratch = new Scratch(),
): Uint8Array {
  const count = firstOf.length;
  const flagged = new Uint8Array(count);
  for (let d = 0; d < count; d++) {
    if (firstOf[d] !== d) {
      flagged[d] = 1;
      flagged[firstOf[d]!] = 1;
    }
  }
  const sigs = scratch.int32("minhash signatures", count * MINHASH_BINS);
  const hashOf = scratch.int32("bigram hashes", bigrams.distinct);
  const salt: typeof BIGRAM_SALT = 0x2545f491;
  for (let id = 0; id < bigrams.distinct; id++) hashOf[id] = pairHash(id, salt);
  const slots: number[] = [];
  for (let d = 0; d < count; d++) {
    if (firstOf[d] !== d) continue;
    const start = batch.starts[d]!;
    const end = batch.starts[d + 1]!;
    if (end - start >= 2) minhashOfIds(bigrams.ids, start, end - 1, hashOf, sigs, d);
    else if (end - start === 1) minhashSignature(batch.ids, start, end, WORD_SALT, sigs, d);
    else continue;
    slots.push(d);
  }
  if (threshold <= 0) {
    if (count > 1) flagged.fill(1);
  } else findNearDuplicates(sigs, slots, threshold, flagged);
  return flagged;
}
