import { describe, expect, it } from "vitest";
import { aggregateSummary } from "../../stats/aggregate-tracker.js";
import { estimatedFractionAt } from "./aggregate-fraction.js";

describe("estimatedFractionAt", () => {
  it("is exact for a 0/1 reward: the mean is the share at 1", () => {
    const p = 0.97;
    const batch = aggregateSummary({ mean: p, std: Math.sqrt(p * (1 - p)) });
    expect(estimatedFractionAt(batch, 1, 0)).toBeCloseTo(0.97);
    expect(estimatedFractionAt(batch, 0, 1)).toBeCloseTo(0.03);
  });

  it("is 0 when the spread is too wide for values inside the range, or unknown", () => {
    // Mean at the top of the means seen, but values spread well past it: not piled up at a bound.
    expect(estimatedFractionAt(aggregateSummary({ mean: 0.95, std: 0.3 }), 0.95, 0.2)).toBe(0);
    expect(estimatedFractionAt(aggregateSummary({ mean: 0.95 }), 1, 0)).toBe(0);
    expect(estimatedFractionAt(aggregateSummary({ mean: 1, std: 0 }), 1, 1)).toBe(0);
  });

  it("is 1 for every value at the bound", () => {
    expect(estimatedFractionAt(aggregateSummary({ mean: 2, std: 0 }), 2, -1)).toBe(1);
  });
});
