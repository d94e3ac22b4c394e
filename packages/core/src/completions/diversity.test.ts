import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctN, exactDuplicates } from "./diversity.js";

/** Naive distinct-n: n-grams of lower-cased ASCII words as joined strings in a Set. */
function naiveDistinct(texts: string[], n: number): number | null {
  const seen = new Set<string>();
  let total = 0;
  for (const text of texts) {
    const words = text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
    for (let k = 0; k + n <= words.length; k++) {
      seen.add(words.slice(k, k + n).join(" "));
      total++;
    }
  }
  return total > 0 ? seen.size / total : null;
}

describe("distinctN", () => {
  it("counts distinct n-grams over all n-grams, not across texts", () => {
    expect(distinctN(["the cat sat", "the cat ran"], 1)).toBeCloseTo(4 / 6, 12);
    expect(distinctN(["the cat sat", "the cat ran"], 2)).toBeCloseTo(3 / 4, 12);
    expect(distinctN(["a b", "c d"], 2)).toBe(1);
    expect(distinctN(["a", "", "!!"], 2)).toBeNull();
  });

  it("agrees with a Set-based naive count", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "C", "1", " ", ".", "\n"), maxLength: 60 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (texts, n) => {
        const want = naiveDistinct(texts, n);
        const got = distinctN(texts, n);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 12);
      }),
    );
  });

  it("rejects a bad n", () => {
    expect(() => distinctN(["a"], 0)).toThrow(/n: must be an integer >= 1/);
  });
});

describe("exactDuplicates", () => {
  it("points each text at its first copy", () => {
    expect(Array.from(exactDuplicates(["a", "b", "a", "", "b", ""]))).toEqual([0, 1, 0, 3, 1, 3]);
  });

  it("compares texts only within equal keys", () => {
    expect(Array.from(exactDuplicates(["ab", "cd", "ab", "cd"], [1, 1, 1, 1]))).toEqual([0, 1, 0, 1]);
    expect(Array.from(exactDuplicates(["ab", "ab"], [1, 2]))).toEqual([0, 1]);
  });

  it("is case- and space-sensitive (exact)", () => {
    expect(Array.from(exactDuplicates(["A", "a", "a "]))).toEqual([0, 1, 2]);
  });
});
