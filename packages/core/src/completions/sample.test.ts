import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenlySpaced } from "./sample.js";

describe("evenlySpaced", () => {
  it("keeps everything under the cap", () => {
    expect(evenlySpaced([3, 5, 9], 5)).toEqual([3, 5, 9]);
  });

  it("picks evenly spaced entries over the cap", () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 2, 5, 7]);
    expect(evenlySpaced([10, 20, 30, 40], 2)).toEqual([10, 30]);
  });

  it("returns max distinct entries in order, deterministically", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 300 }), (n, max) => {
        const indices = Array.from({ length: n }, (_, i) => i * 2);
        const picks = evenlySpaced(indices, max);
        expect(picks.length).toBe(Math.min(n, max));
        for (let i = 1; i < picks.length; i++) expect(picks[i]!).toBeGreaterThan(picks[i - 1]!);
        expect(evenlySpaced(indices, max)).toEqual(picks);
      }),
    );
  });
});
