import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { averageRanks, spearman, spearmanEach } from "./rank-correlation.js";

/** Rank by counting: values below, plus the middle of the tied block. O(n^2), obviously right. */
function naiveRanks(xs: number[]): number[] {
  return xs.map((v) => xs.filter((w) => w < v).length + (xs.filter((w) => w === v).length + 1) / 2);
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    saa += ((a[i] as number) - ma) ** 2;
    sbb += ((b[i] as number) - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe("averageRanks", () => {
  it("gives ties the mean of their ranks", () => {
    expect([...averageRanks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    expect([...averageRanks([1, 1, 1])]).toEqual([2, 2, 2]);
  });
});

describe("spearman", () => {
  it("is 1 or -1 for monotone relations", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 25, 100])).toBe(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it("handles ties with average ranks (scipy.stats.spearmanr value)", () => {
    // ranks x [1, 2.5, 2.5, 4], y [1, 3, 2, 4]: r = 4.5 / sqrt(4.5 * 5)
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 14);
  });

  it("is null for fewer than 3 pairs or a constant side, skipping non-finite pairs", () => {
    expect(spearman([1, 2], [1, 2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(spearman([1, 2, Number.NaN, 3], [1, 2, 5, 3])).toBe(1);
    expect(spearman([1, 2, Number.NaN], [1, 2, 3])).toBeNull();
  });

  it("rejects arrays of different lengths", () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RewardscopeError);
  });

  it("matches Pearson correlation of naive ranks", () => {
    const small = fc.integer({ min: -5, max: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(small, fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 80 }),
        (pairs) => {
          const xs = pairs.map((p) => p[0]);
          const ys = pairs.map((p) => p[1]);
          const got = spearman(xs, ys);
          const rx = naiveRanks(xs);
          const ry = naiveRanks(ys);
          const constant = (r: number[]) => r.every((v) => v === r[0]);
          if (xs.length < 3 || constant(rx) || constant(ry)) {
            expect(got).toBeNull();
          } else {
            expect(Math.abs((got as number) - pearson(rx, ry))).toBeLessThanOrEqual(1e-9);
          }
        },
      ),
    );
  });
});

describe("spearmanEach", () => {
  it("gives what spearman gives for each y, with and without values to skip", () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -4, max: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) },
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 40 })
          .chain((n) =>
            fc.tuple(
              fc.array(value, { minLength: n, maxLength: n }),
              fc.array(fc.array(value, { minLength: n, maxLength: n }), { maxLength: 4 }),
            ),
          ),
        ([x, ys]) => {
          expect(spearmanEach(x, ys)).toEqual(ys.map((y) => spearman(x, y)));
        },
      ),
    );
  });

  it("rejects a y of another length, as spearman does", () => {
    expect(() => spearmanEach([1, 2, 3], [[1, 2]])).toThrow(RewardscopeError);
  });
});
