import { describe, expect, it } from "vitest";
import { correlationMatrix, pearson } from "./correlation.js";

describe("pearson", () => {
  it("is 1 and -1 for exact linear relations and skips nulls", () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, null, 3, 4], [8, 6, 100, 4, 2])).toBeCloseTo(-1, 12);
  });

  it("is null for too few pairs or a constant side", () => {
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it("builds a symmetric matrix", () => {
    const m = correlationMatrix([
      [1, 2, 3, 4],
      [4, 3, 2, 1],
      [1, 3, 2, 4],
    ]);
    expect(m[0]?.[1]).toBeCloseTo(-1, 12);
    expect(m[1]?.[0]).toBeCloseTo(-1, 12);
    expect(m[0]?.[2]).toBeCloseTo(0.8, 12);
    expect(m[2]?.[2]).toBeCloseTo(1, 12);
  });
});
