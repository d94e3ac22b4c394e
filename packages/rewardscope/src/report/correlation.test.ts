import { describe, expect, it } from "vitest";
import { CorrelationMatrix } from "./correlation.js";

function matrixOf(rows: number[][], names = ["a", "b", "c"]): number[][] {
  const m = new CorrelationMatrix(names);
  for (const row of rows) m.add(new Float64Array(row));
  return m.result();
}

describe("CorrelationMatrix", () => {
  it("measures perfect, inverse and partial correlation, symmetric with 1 on the diagonal", () => {
    const rows = [1, 2, 3, 4, 5].map((x) => [x, -2 * x + 1, x % 2]);
    const m = matrixOf(rows);
    expect(m[0]?.[0]).toBe(1);
    expect(m[0]?.[1]).toBeCloseTo(-1, 12);
    expect(m[1]?.[0]).toBe(m[0]?.[1]);
    // x against x mod 2 over 1..5: r = 0 by symmetry.
    expect(m[0]?.[2]).toBeCloseTo(0, 12);
  });

  it("uses only the steps where both series have a value", () => {
    const m = matrixOf([
      [1, 2, Number.NaN],
      [2, 4, 1],
      [3, 6, Number.NaN],
      [4, 8, 2],
      [Number.NaN, 1, 3],
    ]);
    expect(m[0]?.[1]).toBeCloseTo(1, 12);
    // a and c share only steps 2 and 4: too few to measure.
    expect(m[0]?.[2]).toBeNaN();
  });

  it("gives no correlation for a constant series, even with a large offset", () => {
    const m = matrixOf([1, 2, 3, 4].map((x) => [x, 8000, 8000 + x * 1e-3]));
    expect(m[0]?.[1]).toBeNaN();
    expect(m[0]?.[2]).toBeCloseTo(1, 6);
  });
});
