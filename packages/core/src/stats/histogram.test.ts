import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { histogram, histogramEntropy } from "./histogram.js";

describe("histogram", () => {
  it("bins over the values' range with the max in the last bin", () => {
    expect(histogram([0, 1, 2, 3, 4], 2)).toEqual({ min: 0, max: 4, counts: [2, 3] });
    expect(histogram([4, 0, 1, 3], 4)).toEqual({ min: 0, max: 4, counts: [1, 1, 0, 2] });
    expect(histogram([-1, -0.5, 0.5, 1], 2)).toEqual({ min: -1, max: 1, counts: [2, 2] });
  });

  it("puts all-equal values in one bin and gives an empty histogram for no values", () => {
    expect(histogram([5, 5, 5], 4)).toEqual({ min: 5, max: 5, counts: [3, 0, 0, 0] });
    expect(histogram([], 3)).toEqual({ min: Number.NaN, max: Number.NaN, counts: [] });
  });

  it("uses given bounds and leaves values outside them uncounted", () => {
    expect(histogram([-1, 0, 0.5, 1, 2], 2, 0, 1)).toEqual({ min: 0, max: 1, counts: [1, 2] });
    expect(histogram([2, 3], 2, 0)).toEqual({ min: 0, max: 3, counts: [0, 2] });
    expect(histogram([], 2, 1)).toEqual({ min: 1, max: 1, counts: [0, 0] });
  });

  it("handles ranges near the largest double", () => {
    const h = histogram([-1.7e308, 0, 1.7e308], 2);
    expect(h.counts).toEqual([1, 2]);
  });

  it("rejects bad bins and bounds", () => {
    expect(() => histogram([1], 0)).toThrow(RewardscopeError);
    expect(() => histogram([1], 2.5)).toThrow(/bins: must be a positive integer/);
    expect(() => histogram([1], 2, 3, 1)).toThrow(/min 3 is above max 1/);
    expect(() => histogram([1], 2, Number.NaN, 1)).toThrow(/min: must be finite/);
  });

  it("matches exact integer binning and counts every value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 200 }), (values) => {
        const h = histogram(values, 10, 0, 100);
        const want = new Array<number>(10).fill(0);
        for (const v of values) want[Math.floor(v / 10)] = (want[Math.floor(v / 10)] as number) + 1;
        expect(h.counts).toEqual(want);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1 }), (values) => {
        const h = histogram(values, 7);
        expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      }),
    );
  });
});

describe("histogramEntropy", () => {
  it("computes Shannon entropy in bits", () => {
    expect(histogramEntropy([5, 5, 0])).toBe(1);
    expect(histogramEntropy([1, 1, 1, 1])).toBe(2);
    expect(histogramEntropy([3, 0])).toBe(0);
    expect(histogramEntropy([1, 3])).toBeCloseTo(0.8112781244591328, 14);
  });

  it("is NaN without counts and rejects negative counts", () => {
    expect(histogramEntropy([])).toBeNaN();
    expect(histogramEntropy([0, 0])).toBeNaN();
    expect(() => histogramEntropy([1, -1])).toThrow(/counts\[1\]/);
  });
});
