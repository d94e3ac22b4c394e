import { KeyTable } from "./key-table.js";
import { pairHash } from "./pair-table.js";

/** Values per signature. One-permutation hashing: one hash per shingle, its top 7 bits pick the bin. */
export const MINHASH_BINS = 128;
const BIN_SHIFT = 25;
/** (1 << BIN_SHIFT) - 1. */
const VALUE_MASK = 0x1ffffff;
/** An empty bin: above every 25-bit value. */
const EMPTY = 0x7fffffff;

/**
 * Writes the one-permutation MinHash signature of the shingle ids `shingles[start, end)` to
 * `out[slot * MINHASH_BINS …]`: each shingle is hashed once, the hash's top bits choose one of 128
 * bins and each bin keeps the smallest remaining value. `salt` keeps shingle kinds apart
 * (bigram ids vs word ids).
 * @example
 * const sigs = new Int32Array(2 * MINHASH_BINS);
 * minhashSignature(bigramIds, 0, 40, 0, sigs, 0);
 */
export function minhashSignature(
  shingles: ArrayLike<number>,
  start: number,
  end: number,
  salt: number,
  out: Int32Array,
  slot: number,
): void {
  const base = slot * MINHASH_BINS;
  out.fill(EMPTY, base, base + MINHASH_BINS);
  for (let k = start; k < end; k++) {
    const h = pairHash(shingles[k]!, salt);
    const bin = base + (h >>> BIN_SHIFT);
    const value = h & VALUE_MASK;
    if (value < out[bin]!) out[bin] = value;
  }
}

/**
 * minhashSignature of the ids `ids[start, end)` whose hashes are `hashOf[id]` (hashed once per
 * distinct id of a batch, not once per occurrence).
 * @example
 * minhashOfIds(bigramIds, 0, 40, hashOf, sigs, 0); // as minhashSignature(bigramIds, 0, 40, salt, sigs, 0)
 */
export function minhashOfIds(
  ids: Int32Array,
  start: number,
  end: number,
  hashOf: Int32Array,
  out: Int32Array,
  slot: number,
): void {
  const base = (slot * MINHASH_BINS) | 0;
  out.fill(EMPTY, base, base + MINHASH_BINS);
  // Literals (typed as the constants) and int32 locals for the loop: V8's optimized code re-reads
  // module constants and checks tagged parameters at every use (see tokenize.ts).
  const binShift: typeof BIN_SHIFT = 25;
  const valueMask: typeof VALUE_MASK = 0x1ffffff;
  const stop = end | 0;
  for (let k = start | 0; k < stop; k++) {
    const h = hashOf[ids[k]!]!;
    const bin = base + (h >>> binShift);
    // min(value, bin) without a branch: whether a shingle beats its bin is a coin toss.
    const diff = (h & valueMask) - out[bin]!;
    out[bin] = out[bin]! + (diff & (diff >> 31));
  }
}

/**
 * Estimated Jaccard similarity of the sets behind signatures `a` and `b`: equal bins over bins
 * not empty in both (the one-permutation estimator of Li, Owen and Zhang, 2012). Standard error
 * about sqrt(J(1-J)/128) ≤ 0.045. 1 when both sets are empty.
 * @example
 * estimateJaccard(sigs, 0, 1); // ≈ |A ∩ B| / |A ∪ B|
 */
export function estimateJaccard(sigs: Int32Array, a: number, b: number): number {
  let equal = 0;
  let bothEmpty = 0;
  const pa = a * MINHASH_BINS;
  const pb = b * MINHASH_BINS;
  for (let i = 0; i < MINHASH_BINS; i++) {
    const x = sigs[pa + i]!;
    if (x === sigs[pb + i]!) {
      if (x === EMPTY) bothEmpty++;
      else equal++;
    }
  }
  return bothEmpty === MINHASH_BINS ? 1 : equal / (MINHASH_BINS - bothEmpty);
}

/**
 * Rows per LSH band for a similarity threshold: the most rows (fewest false candidates) that still
 * make a pair at the threshold share some band with probability ≥ 0.995. The bands are
 * ⌊128 / rows⌋ runs of `rows` bins.
 * @example
 * bandRows(0.8); // 6: 21 bands of 6 rows (a pair at J = 0.4 becomes a candidate with p ≈ 0.08)
 */
export function bandRows(threshold: number): number {
  for (let rows = 16; rows > 1; rows--) {
    const miss = (1 - threshold ** rows) ** Math.floor(MINHASH_BINS / rows);
    if (1 - miss >= 0.995) return rows;
  }
  return 1;
}

/**
 * Marks in `flagged` every signature slot among `slots` with an estimated Jaccard similarity ≥
 * `threshold` to another of them. Candidate pairs come from LSH banding (slots whose signatures
 * agree on a whole band), so the cost grows with the number of similar pairs, not with n².
 * A pair is compared once, and not at all when both its slots are flagged already.
 * @example
 * findNearDuplicates(sigs, [0, 1, 2], 0.8, flagged); // flagged[i] = 1 for near-duplicates
 */
export function findNearDuplicates(
  sigs: Int32Array,
  slots: number[],
  threshold: number,
  flagged: Uint8Array,
): void {
  const count = slots.length;
  if (count < 2) return;
  const rows = bandRows(threshold);
  const bands = Math.floor(MINHASH_BINS / rows);
  const keys = bandKeys(sigs, slots, rows, bands);
  let size = 16;
  while (size < count * 2) size *= 2;
  const heads = new Int32Array(size);
  const next = new Int32Array(count);
  // Pairs compared already: signatures with few shingles agree on many all-empty bands, and such a
  // pair would otherwise be compared once per band (a step of short loops: 16 ms, now 5).
  const compared = count < 46340 ? new KeyTable(4 * count) : null;
  for (let band = 0; band < bands; band++) {
    heads.fill(-1);
    const row = band * count;
    for (let i = 0; i < count; i++) {
      const key = keys[row + i]!;
      const bucket = key & (size - 1);
      for (let j = heads[bucket]!; j >= 0; j = next[j]!) {
        if (keys[row + j] !== key) continue;
        const a = slots[i]!;
        const b = slots[j]!;
        if (flagged[a] && flagged[b]) continue;
        if (!sameBand(sigs, a * MINHASH_BINS + band * rows, b * MINHASH_BINS + band * rows, rows)) continue;
        if (compared && compared.intern(i * count + j) < compared.size - 1) continue;
        if (similarAtLeast(sigs, a, b, threshold)) {
          flagged[a] = 1;
          flagged[b] = 1;
        }
      }
      next[i] = heads[bucket]!;
      heads[bucket] = i;
    }
  }
}

/**
 * The bucket key of every band of every signature among `slots`, band by band:
 * `keys[band * slots.length + i]`. Worked out signature by signature, reading each in order once.
 */
function bandKeys(sigs: Int32Array, slots: number[], rows: number, bands: number): Int32Array {
  const count = slots.length;
  const keys = new Int32Array(bands * count);
  const bins: typeof MINHASH_BINS = 128;
  for (let i = 0; i < count; i++) {
    let at = slots[i]! * bins;
    for (let band = 0; band < bands; band++) {
      // Independent multiplies, not a chain of hashes: equal bands must collide, others rarely.
      let key = band;
      for (let r = 0; r < rows; r++) key = (key + Math.imul(sigs[at++]!, 0x9e3779b1 + 2 * r)) | 0;
      keys[band * count + i] = pairHash(key, rows);
    }
  }
  return keys;
}

/** estimateJaccard(sigs, a, b) >= threshold, giving up as soon as too many bins differ. */
function similarAtLeast(sigs: Int32Array, a: number, b: number, threshold: number): boolean {
  // Differing bins can only be fewer than (1 - t) of the bins not empty in both, a subset of all bins.
  const bins: typeof MINHASH_BINS = 128;
  const maxDiffering = (1 - threshold) * bins;
  let differing = 0;
  const pa = a * bins;
  const pb = b * bins;
  // Counted without a branch per bin (whether a bin differs is a coin toss for most candidates),
  // checked every 16 bins.
  for (let i = 0; i < bins; i += 16) {
    for (let j = i; j < i + 16; j++) {
      const x = sigs[pa + j]! ^ sigs[pb + j]!;
      differing += (x | -x) >>> 31;
    }
    if (differing > maxDiffering) return false;
  }
  return estimateJaccard(sigs, a, b) >= threshold;
}

function sameBand(sigs: Int32Array, pa: number, pb: number, rows: number): boolean {
  for (let r = 0; r < rows; r++) if (sigs[pa + r] !== sigs[pb + r]) return false;
  return true;
}
