import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectRanks } from "./select.js";

function check(values: number[], ranks: number[]) {
  const a = new Float64Array(values);
  selectRanks(a, ranks);
  const sorted = [...values].sort((x, y) => x - y);
  for (const r of ranks) {
    expect(a[r], `rank ${r}`).toBe(sorted[r]);
    for (let i = 0; i < r; i++) expect(a[i] as number).toBeLessThanOrEqual(a[r] as number);
  }
  // Selection only moves values around.
  expect([...a].sort((x, y) => x - y)).toEqual(sorted);
}

describe("selectRanks", () => {
  it("places the asked ranks like a sort would", () => {
    check([5, 1, 4, 2, 3], [2]);
    check([5, 1, 4, 2, 3], [0, 4]);
    check([], []);
    check([7], [0]);
  });

  it("handles large inputs with awkward orders", () => {
    const n = 2000;
    const ranks = [0, 499, 500, 999, 1799, 1800, 1979, 1980, 1999];
    check(
      Array.from({ length: n }, (_, i) => i),
      ranks,
    );
    check(
      Array.from({ length: n }, (_, i) => n - i),
      ranks,
    );
    check(
      Array.from({ length: n }, () => 3),
      ranks,
    );
    check(
      Array.from({ length: n }, (_, i) => i % 2),
      ranks,
    );
    check(
      Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      ranks,
    );
    check(
      Array.from({ length: n }, (_, i) => (i * 7919) % 13),
      ranks,
    );
  });

  it("matches a full sort on random data with duplicates", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.array(fc.nat()), (values, picks) => {
        const ranks = [...new Set(picks.map((p) => p % values.length))].sort((x, y) => x - y);
        check(
          values.map((v) => v + 0),
          ranks,
        );
      }),
    );
  });
});
