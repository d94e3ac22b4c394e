import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketOf, downsampleMinMax } from "./downsample.js";

const extentOf = (points: (readonly [number, number])[]) => ({
  count: points.length,
  lo: points[0]?.[0] ?? 0,
  hi: points.at(-1)?.[0] ?? 0,
});

describe("downsampleMinMax", () => {
  it("keeps each bucket's minimum and maximum in step order, once when they are one point", () => {
    const points = [
      [0, 1],
      [1, 9],
      [2, 5],
      [3, 2],
      [4, 4],
      [5, 4],
      [6, 0],
      [7, 3],
    ] as const;
    expect(downsampleMinMax(points, extentOf([...points]), 4)).toEqual({
      steps: [0, 1, 4, 6],
      values: [1, 9, 4, 0],
    });
    expect(downsampleMinMax(points, extentOf([...points]), 2)).toEqual({ steps: [1, 6], values: [9, 0] });
    const flat = [
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 2],
    ] as const;
    expect(downsampleMinMax(flat, extentOf([...flat]), 2)).toEqual({ steps: [0], values: [2] });
  });

  it("returns a short series whole", () => {
    const points = [
      [3, 1],
      [4, 2],
      [9, 3],
    ] as const;
    expect(downsampleMinMax(points, extentOf([...points]), 3)).toEqual({
      steps: [3, 4, 9],
      values: [1, 2, 3],
    });
    expect(downsampleMinMax(points, extentOf([...points]), null).steps).toEqual([3, 4, 9]);
    expect(downsampleMinMax([], { count: 0, lo: 0, hi: 0 }, 4)).toEqual({ steps: [], values: [] });
  });

  it("never exceeds maxPoints and always keeps the global extremes", () => {
    const series = fc
      .uniqueArray(fc.integer({ min: -50, max: 5000 }), { minLength: 1, maxLength: 300 })
      .chain((steps) =>
        fc.tuple(
          fc.constant([...steps].sort((a, b) => a - b)),
          fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
            minLength: steps.length,
            maxLength: steps.length,
          }),
        ),
      );
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 400 }), ([steps, values], maxPoints) => {
        const points = steps.map((s, i) => [s, values[i] as number] as const);
        const out = downsampleMinMax(points, extentOf(points), maxPoints);
        expect(out.steps.length).toBeLessThanOrEqual(maxPoints);
        expect(out.values).toContain(Math.min(...values));
        expect(out.values).toContain(Math.max(...values));
        out.steps.forEach((step, i) => {
          if (i > 0) expect(step).toBeGreaterThan(out.steps[i - 1] as number);
          expect(out.values[i]).toBe(values[steps.indexOf(step)]);
        });
      }),
    );
  });
});

describe("bucketOf", () => {
  it("cuts [lo, hi] into equal buckets of integer steps", () => {
    expect([0, 9, 10, 99].map((s) => bucketOf(s, 0, 99, 10))).toEqual([0, 0, 1, 9]);
    expect(bucketOf(300, 100, 300, 4)).toBe(3);
  });
});
