import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { quantileSorted } from "./quantile.js";

/** Hyndman & Fan type 7 written from its textbook definition (1-based order statistics). */
function naiveType7(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const m = 1 - p;
  const j = Math.floor(n * p + m);
  const g = n * p + m - j;
  const xj = x[Math.max(1, Math.min(n, j)) - 1] as number;
  const xj1 = x[Math.max(1, Math.min(n, j + 1)) - 1] as number;
  return (1 - g) * xj + g * xj1;
}

describe("quantileSorted", () => {
  it("interpolates linearly between closest ranks like numpy", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    // np.percentile([3,1,4,1,5,9,2,6], 90) == 6.9
    expect(quantileSorted([1, 1, 2, 3, 4, 5, 6, 9], 0.9)).toBeCloseTo(6.9, 12);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted(new Float64Array([-2, 0, 10]), 0.6)).toBeCloseTo(2, 12);
  });

  it("gives NaN for empty input and rejects q outside [0, 1]", () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted([1], 1.5)).toThrow(RewardscopeError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(/q: must be in \[0, 1\]/);
  });

  it("matches the textbook type-7 definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const got = quantileSorted(sorted, q);
          const want = naiveType7(values, q);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        },
      ),
    );
  });
});
