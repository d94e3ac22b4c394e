import { describe, expect, it } from "vitest";
import {
  alertProblems,
  healthyRun,
  naiveSummary,
  nonJsonPaths,
  rewardInputs,
  seededRandom,
} from "./test-series.case.js";

describe("test-series fixtures", () => {
  it("summarise values by hand-checkable numbers", () => {
    const s = naiveSummary([-1, 0, 0, 3]);
    expect(s).toMatchObject({
      count: 4,
      mean: 0.5,
      min: -1,
      max: 3,
      median: 0,
      zeroFrac: 0.5,
      negativeFrac: 0.25,
      positiveFrac: 0.25,
    });
    expect(s.std).toBeCloseTo(Math.sqrt(2.25), 12);
    expect(Number.isNaN(naiveSummary([]).mean)).toBe(true);
  });

  it("are seeded and build inputs with nulls counted", () => {
    expect(seededRandom(5)()).toBe(seededRandom(5)());
    expect(healthyRun({ steps: 3, seed: 2 })).toEqual(healthyRun({ steps: 3, seed: 2 }));
    const [first, second] = rewardInputs("f", [[1, null, 3], [5]], 10);
    expect(first!.values).toEqual([1, 3]);
    expect(first!.stats.nullCount).toBe(1);
    expect(second!.step).toBe(11);
    expect(second!.stats.emaShort).toBeCloseTo(2 + 0.1 * 3, 12);
  });

  it("flag non-JSON state and incomplete alerts", () => {
    expect(nonJsonPaths({ a: [1, Number.NaN], b: new Map(), c: null })).toEqual(["state.a[1]", "state.b"]);
    const alert = {
      type: "outlier",
      severity: "low",
      message: "m",
      value: 1,
      threshold: 1,
      action: "a",
    } as const;
    expect(alertProblems(alert)).toEqual(["window", "evidence"]);
  });
});
