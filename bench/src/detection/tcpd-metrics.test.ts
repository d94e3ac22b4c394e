import { describe, expect, it } from "vitest";
import { cleanPredictions, cover, coverSingle, f1Score, partition, truePositives } from "./tcpd-metrics.js";

describe("truePositives", () => {
  it("matches each true location to the nearest free prediction within the margin, inclusive", () => {
    expect(truePositives([0, 10, 20], [0, 12, 30], 5)).toEqual([0, 10]);
    expect(truePositives([10], [15], 5)).toEqual([10]);
    expect(truePositives([10], [16], 5)).toEqual([]);
  });

  it("uses a prediction once, and the smaller one on a tie", () => {
    // 10 takes 8 (tie with 12, smaller wins); 13 then takes 12.
    expect(truePositives([10, 13], [8, 12], 5)).toEqual([10, 13]);
    // One prediction between two true locations counts for the first only.
    expect(truePositives([10, 12], [11], 5)).toEqual([10]);
  });
});

describe("f1Score", () => {
  it("adds 0 everywhere, takes precision on the union and recall averaged over annotators", () => {
    // X = {0, 12, 30}; T* = {0, 10, 20}: P = 2/3. Recall: a {0,10} 1, b {0,10,20} 2/3: R = 5/6. F = 20/27.
    expect(f1Score({ a: [10], b: [10, 20] }, [12, 30], 5)).toBeCloseTo(20 / 27, 12);
  });

  it("gives the zero method its guaranteed true positive at 0", () => {
    // P = 1; R = (1 + 1/2) / 2 = 3/4; F = 6/7.
    expect(f1Score({ a: [], b: [5] }, [], 5)).toBeCloseTo(6 / 7, 12);
  });
});

describe("cover", () => {
  it("cuts segments at change points, ignoring 0 and duplicates", () => {
    expect(partition([12, 0, 30, 12], 40)).toEqual([
      [0, 12],
      [12, 30],
      [30, 40],
    ]);
  });

  it("weights each true segment by its length and its best Jaccard overlap", () => {
    expect(coverSingle([10], [12, 30], 40)).toBeCloseTo(79 / 120, 12);
    expect(coverSingle([10, 20], [12, 30], 40)).toBeCloseTo(67 / 120, 12);
    expect(cover({ a: [10], b: [10, 20] }, [12, 30], 40)).toBeCloseTo(73 / 120, 12);
  });

  it("is 1 for a perfect prediction and counts an empty annotation as one segment", () => {
    expect(cover({ a: [50] }, [50], 100)).toBe(1);
    expect(cover({ a: [] }, [50], 100)).toBeCloseTo(0.5, 12);
  });
});

describe("cleanPredictions", () => {
  it("keeps distinct indices in [1, n - 2], sorted", () => {
    expect(cleanPredictions([0, 9, 3, 3, 8, 1], 10)).toEqual([1, 3, 8]);
  });
});
