import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyTable } from "./key-table.js";
import { ngramLevels } from "./ngrams.js";
import { Scratch } from "./scratch.js";

describe("ngramLevels", () => {
  it("numbers n-grams within documents only", () => {
    // documents [0 1 0 1] and [1 0]
    const levels = ngramLevels(Int32Array.of(0, 1, 0, 1, 1, 0), [0, 4, 6], 2, 3);
    expect(Array.from(levels[1]!.ids)).toEqual([0, 1, 0, -1, 1, -1]);
    expect(levels[1]).toMatchObject({ n: 2, distinct: 2, total: 4 });
    expect(Array.from(levels[2]!.ids)).toEqual([0, 1, -1, -1, -1, -1]);
    expect(levels[2]).toMatchObject({ n: 3, distinct: 2, total: 2 });
  });

  it("keeps its reused table under half full when documents of one bigram each outgrow it", () => {
    // The table is made for the first, small batch; the next batch interns one new bigram per document, each the
    // last key of its range. A table left over half full would, batch after batch, fill and probe forever.
    const scratch = new Scratch();
    const twoWordDocs = (docs: number): [Int32Array, number[]] => [
      Int32Array.from({ length: 2 * docs }, (_, k) => k),
      Array.from({ length: docs + 1 }, (_, d) => 2 * d),
    ];
    ngramLevels(...twoWordDocs(8), 16, 2, scratch);
    const [, bigrams] = ngramLevels(...twoWordDocs(12), 24, 2, scratch);
    expect(bigrams).toMatchObject({ n: 2, distinct: 12, total: 12 });
    const table = scratch.keep("2-gram table", () => new KeyTable(1));
    expect(table.size * 2).toBeLessThan(table.capacity);
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
