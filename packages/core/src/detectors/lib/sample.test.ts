import { describe, expect, it } from "vitest";
import { medianAbsDeviation, sampleMean, sampleMedian, sampleVariance } from "./sample.js";

describe("sample statistics", () => {
  it("match hand-computed values", () => {
    expect(sampleMean([1, 2, 3, 6])).toBe(3);
    expect(sampleVariance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(sampleMedian([5, 1, 3])).toBe(3);
    expect(sampleMedian([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsDeviation([1, 2, 3, 4, 100], 3)).toBe(1);
  });

  it("are NaN on samples too small to define them", () => {
    expect(
      [sampleMean([]), sampleVariance([1]), sampleMedian([]), medianAbsDeviation([], 0)].every(Number.isNaN),
    ).toBe(true);
  });
});
