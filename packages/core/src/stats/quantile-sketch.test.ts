import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  addAllToSketch,
  addToSketch,
  createSketch,
  MIN_INDEXABLE,
  mergeSketches,
  type SketchState,
  sketchQuantile,
} from "./quantile-sketch.js";

/** The lower-rank exact quantile the sketch promises to approximate. */
function exactLowerRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

const value = fc
  .double({ min: -1e12, max: 1e12, noNaN: true })
  .map((v) => (Math.abs(v) < MIN_INDEXABLE ? 0 : v));
const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

function expectAccurate(s: SketchState, values: number[], alpha: number) {
  for (const q of QS) {
    const want = exactLowerRank(values, q);
    const got = sketchQuantile(s, q);
    expect(Math.abs(got - want), `q=${q}`).toBeLessThanOrEqual(alpha * Math.abs(want) * (1 + 1e-9));
  }
}

describe("quantile sketch", () => {
  it("answers within 1% on a simple data set and knows count, sum, min, max exactly", () => {
    const s = createSketch();
    addAllToSketch(s, [1, 2, 3, 4, 100]);
    expect(Math.abs(sketchQuantile(s, 0.5) - 3)).toBeLessThanOrEqual(0.03);
    expect(sketchQuantile(s, 0)).toBe(1);
    expect(sketchQuantile(s, 1)).toBe(100);
    expect([s.count, s.sum, s.min, s.max]).toEqual([5, 110, 1, 100]);
  });

  it("handles zeros and negative values", () => {
    const s = createSketch();
    for (const v of [-10, -1, 0, 0, 5]) addToSketch(s, v);
    expect(s.zeroCount).toBe(2);
    expect(Math.abs(sketchQuantile(s, 0.25) - -1)).toBeLessThanOrEqual(0.01);
    expect(sketchQuantile(s, 0.5)).toBe(0);
    expect(sketchQuantile(s, 0)).toBe(-10);
  });

  it("is NaN when empty and rejects bad input", () => {
    expect(sketchQuantile(createSketch(), 0.5)).toBeNaN();
    expect(() => createSketch({ alpha: 0 })).toThrow(RewardscopeError);
    expect(() => createSketch({ maxBuckets: 1 })).toThrow(/maxBuckets/);
    expect(() => addToSketch(createSketch(), Number.NaN)).toThrow(/value: must be finite/);
    expect(() => sketchQuantile(createSketch(), 2)).toThrow(/q:/);
    expect(() => mergeSketches(createSketch(), createSketch({ alpha: 0.02 }))).toThrow(/alpha differs/);
  });

  it("keeps memory bounded by collapsing the buckets closest to zero", () => {
    const s = createSketch({ maxBuckets: 50 });
    const values = Array.from({ length: 1000 }, (_, i) => 1.05 ** i);
    addAllToSketch(s, values);
    expect(s.positive.indices.length).toBe(50);
    expect(s.positive.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    // The high quantiles are still within alpha.
    const want = exactLowerRank(values, 0.99);
    expect(Math.abs(sketchQuantile(s, 0.99) - want)).toBeLessThanOrEqual(0.01 * want);
  });

  it("survives a JSON round trip", () => {
    const s = createSketch();
    addAllToSketch(s, [0.5, -2, 3, 0, 7, 7, 7]);
    const copy: SketchState = JSON.parse(JSON.stringify(s));
    expect(copy).toEqual(s);
    expect(JSON.parse(JSON.stringify(createSketch()))).toEqual(createSketch());
  });

  it("is within relative error alpha of every exact quantile", () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.01, 0.02, 0.05),
        (values, alpha) => {
          const s = createSketch({ alpha });
          addAllToSketch(s, values);
          expectAccurate(s, values, alpha);
        },
      ),
    );
  });

  it("merges like a sketch of the concatenated data", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 150 }), fc.array(value, { maxLength: 150 }), (xs, ys) => {
        const a = createSketch();
        const b = createSketch();
        const both = createSketch();
        addAllToSketch(a, xs);
        addAllToSketch(b, ys);
        addAllToSketch(both, [...xs, ...ys]);
        const aBefore = JSON.stringify(a);
        const merged = mergeSketches(a, b);
        expect(JSON.stringify(a)).toBe(aBefore);
        expect(merged.positive).toEqual(both.positive);
        expect(merged.negative).toEqual(both.negative);
        expect([merged.count, merged.zeroCount, merged.min, merged.max]).toEqual([
          both.count,
          both.zeroCount,
          both.min,
          both.max,
        ]);
        for (const q of QS) expect(sketchQuantile(merged, q)).toBe(sketchQuantile(both, q));
        if (xs.length + ys.length > 0) expectAccurate(merged, [...xs, ...ys], 0.01);
      }),
    );
  });
});
