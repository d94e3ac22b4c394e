import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bandRows,
  estimateJaccard,
  findNearDuplicates,
  MINHASH_BINS,
  minhashOfIds,
  minhashSignature,
} from "./minhash.js";
import { pairHash } from "./pair-table.js";

function signatures(sets: number[][]): Int32Array {
  const sigs = new Int32Array(sets.length * MINHASH_BINS);
  sets.forEach((set, slot) => {
    minhashSignature(set, 0, set.length, 7, sigs, slot);
  });
  return sigs;
}

function jaccard(a: number[], b: number[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  const inter = [...sa].filter((x) => sb.has(x)).length;
  const union = new Set([...sa, ...sb]).size;
  return union === 0 ? 1 : inter / union;
}

/** Two sets drawn from a shared pool: `shared` common elements plus own elements. */
const setPair = fc
  .record({
    shared: fc.integer({ min: 0, max: 300 }),
    onlyA: fc.integer({ min: 0, max: 300 }),
    onlyB: fc.integer({ min: 0, max: 300 }),
    offset: fc.integer({ min: 0, max: 1e6 }),
  })
  .filter(({ shared, onlyA, onlyB }) => shared + onlyA + onlyB > 0)
  .map(({ shared, onlyA, onlyB, offset }) => {
    const common = Array.from({ length: shared }, (_, i) => offset + i);
    const a = [...common, ...Array.from({ length: onlyA }, (_, i) => offset + 1000 + i)];
    const b = [...common, ...Array.from({ length: onlyB }, (_, i) => offset + 2000 + i)];
    return [a, b] as const;
  });

describe("MinHash", () => {
  it("is exact for identical and disjoint-by-construction extremes", () => {
    const a = Array.from({ length: 200 }, (_, i) => i);
    const sigs = signatures([a, [...a].reverse(), [], []]);
    expect(estimateJaccard(sigs, 0, 1)).toBe(1);
    expect(estimateJaccard(sigs, 2, 3)).toBe(1);
    expect(estimateJaccard(sigs, 0, 2)).toBe(0);
  });

  it("estimates Jaccard within 0.15 on random pairs, with a small mean error", () => {
    let totalError = 0;
    let runs = 0;
    fc.assert(
      fc.property(setPair, ([a, b]) => {
        const error = Math.abs(estimateJaccard(signatures([a, b]), 0, 1) - jaccard(a, b));
        totalError += error;
        runs++;
        expect(error).toBeLessThanOrEqual(0.15);
      }),
      { seed: 20240601, numRuns: 300 },
    );
    expect(totalError / runs).toBeLessThan(0.04);
  });

  it("signs ids with hashes worked out once per id as it signs them directly", () => {
    const ids = Int32Array.from({ length: 300 }, (_, k) => (k * 7919) % 97);
    const hashOf = Int32Array.from({ length: 97 }, (_, id) => pairHash(id, 7));
    const sigs = new Int32Array(2 * MINHASH_BINS);
    minhashSignature(ids, 10, 290, 7, sigs, 0);
    minhashOfIds(ids, 10, 290, hashOf, sigs, 1);
    expect(Array.from(sigs.subarray(MINHASH_BINS))).toEqual(Array.from(sigs.subarray(0, MINHASH_BINS)));
  });

  it("picks band rows that catch pairs at the threshold", () => {
    expect(bandRows(0.8)).toBe(6);
    expect(bandRows(0.95)).toBeGreaterThan(6);
    expect(bandRows(0.5)).toBeLessThan(6);
    for (const t of [0.3, 0.5, 0.8, 0.9, 0.99]) {
      const rows = bandRows(t);
      expect(1 - (1 - t ** rows) ** Math.floor(MINHASH_BINS / rows)).toBeGreaterThanOrEqual(0.995);
    }
  });
});

describe("findNearDuplicates", () => {
  it("flags the pairs above the threshold and nothing else", () => {
    const base = Array.from({ length: 300 }, (_, i) => i);
    const nearCopy = [...base.slice(0, 290), ...Array.from({ length: 10 }, (_, i) => 5000 + i)]; // J = 290/310
    const half = [...base.slice(0, 150), ...Array.from({ length: 150 }, (_, i) => 9000 + i)]; // J = 1/3 with base
    const other = Array.from({ length: 300 }, (_, i) => 20000 + i);
    const sigs = signatures([base, nearCopy, half, other]);
    const flagged = new Uint8Array(4);
    findNearDuplicates(sigs, [0, 1, 2, 3], 0.8, flagged);
    expect(Array.from(flagged)).toEqual([1, 1, 0, 0]);
  });

  it("agrees with exhaustive comparison of the estimates (LSH misses nothing at these sizes)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 12 }), (variants) => {
        // Each set is a 100-element base with `v` elements swapped: similar sets at varied distances.
        const sets = variants.map((v, i) => [
          ...Array.from({ length: 100 - 4 * v }, (_, k) => k),
          ...Array.from({ length: 4 * v }, (_, k) => 1000 * (i + 1) + k),
        ]);
        const sigs = signatures(sets);
        const want = new Uint8Array(sets.length);
        for (let a = 0; a < sets.length; a++)
          for (let b = a + 1; b < sets.length; b++)
            if (estimateJaccard(sigs, a, b) >= 0.8) want[a] = want[b] = 1;
        const got = new Uint8Array(sets.length);
        findNearDuplicates(sigs, Array.from(sets.keys()), 0.8, got);
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
