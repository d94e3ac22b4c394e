import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ngramLevels } from "./ngrams.js";

describe("ngramLevels", () => {
  it("numbers n-grams within documents only", () => {
    // documents [0 1 0 1] and [1 0]
    const levels = ngramLevels(Int32Array.of(0, 1, 0, 1, 1, 0), [0, 4, 6], 2, 3);
    expect(Array.from(levels[1]!.ids)).toEqual([0, 1, 0, -1, 1, -1]);
    expect(levels[1]).toMatchObject({ n: 2, distinct: 2, total: 4 });
    expect(Array.from(levels[2]!.ids)).toEqual([0, 1, -1, -1, -1, -1]);
    expect(levels[2]).toMatchObject({ n: 3, distinct: 2, total: 2 });
  });

  it("agrees with a string-key reference", () => {
    const doc = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (docs, n) => {
        const starts = [0];
        for (const d of docs) starts.push(starts[starts.length - 1]! + d.length);
        const levels = ngramLevels(Int32Array.from(docs.flat()), starts, 5, n);
        const keys = new Map<string, number>();
        let total = 0;
        const ids: number[] = [];
        for (const d of docs) {
          for (let k = 0; k < d.length; k++) {
            if (k + n > d.length) {
              ids.push(-1);
              continue;
            }
            const key = d.slice(k, k + n).join(",");
            if (!keys.has(key)) keys.set(key, keys.size);
            total++;
            ids.push(keys.get(key)!);
          }
        }
        const level = levels[n - 1]!;
        expect(level.total).toBe(total);
        if (n > 1) expect(level.distinct).toBe(keys.size);
        // Same n-gram <=> same id.
        const mine = Array.from(level.ids);
        for (let i = 0; i < ids.length; i++)
          for (let j = 0; j < ids.length; j++) expect(mine[i] === mine[j]).toBe(ids[i] === ids[j]);
      }),
      { numRuns: 60 },
    );
  });
});
