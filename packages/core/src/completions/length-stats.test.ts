import { describe, expect, it } from "vitest";
import { lengthStats } from "./length-stats.js";

describe("lengthStats", () => {
  it("uses word counts of the analysed completions when no lengths are given", () => {
    const stats = lengthStats(
      { completions: ["a", "b c", "d e f"], totals: [0, 1, 2] },
      [0, 1, 2],
      [1, 2, 3],
    );
    expect(stats).toEqual({ meanLength: 2, lengthRewardCorrelation: 1, truncatedRate: null });
  });

  it("uses the given token lengths of all completions, skipping nulls and missing rewards", () => {
    const stats = lengthStats(
      {
        completions: ["a", "b", "c", "d", "e"],
        lengths: [10, 30, null, 20, 40],
        totals: [4, 2, 9, Number.NaN, 1],
      },
      [0, 2],
      [1, 1],
    );
    expect(stats.meanLength).toBe(25);
    // Pairs (10,4) (30,2) (40,1): length up, reward down.
    expect(stats.lengthRewardCorrelation).toBeCloseTo(-1, 12);
  });

  it("gives no correlation without rewards or with fewer than 3 pairs", () => {
    expect(lengthStats({ completions: ["a", "b c"] }, [0, 1], [1, 2]).lengthRewardCorrelation).toBeNull();
    expect(
      lengthStats({ completions: ["a", "b c"], totals: [1, 2] }, [0, 1], [1, 2]).lengthRewardCorrelation,
    ).toBeNull();
  });

  it("rates truncation over the known flags of all completions", () => {
    const stats = lengthStats(
      { completions: ["a", "b", "c", "d"], truncated: [true, null, false, true] },
      [0],
      [1],
    );
    expect(stats.truncatedRate).toBeCloseTo(2 / 3, 12);
  });
});
