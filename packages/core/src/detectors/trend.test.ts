import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
} from "./lib/test-series.case.js";
import { trendDetector } from "./trend.js";

const defaults = trendDetector.defaults;

describe("trendDetector", () => {
  it("compares two windows by relative change and Welch t", () => {
    const small = { ...defaults, window: 3 };
    // Previous [1, 1.1, 0.9]: mean 1, var 0.01. Current [1.3, 1.4, 1.2]: +30% but t = 0.3 / sqrt(0.02 / 3) = 3.67 < 4.
    const weak = runDetector(
      trendDetector,
      small,
      rewardInputs("f", [[1], [1.1], [0.9], [1.3], [1.4], [1.2]]),
    );
    expect(weak.alerts).toEqual([]);
    // Current [1.5, 1.6, 1.4]: +50%, t = 0.5 / 0.08165 = 6.12.
    const { alerts } = runDetector(
      trendDetector,
      small,
      rewardInputs("f", [[1], [1.1], [0.9], [1.5], [1.6], [1.4]]),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      step: 5,
      type: "trend_up",
      severity: "low",
      threshold: 0.1,
      window: 6,
    });
    expect(alerts[0]!.value).toBeCloseTo(0.5, 12);
    expect(alerts[0]!.evidence?.t).toBeCloseTo(0.5 / Math.sqrt(0.02 / 3), 9);
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("fires trend_down on a sustained decline, at most once per window", () => {
    // Plateau at 0.8, then from step 3000 a linear fall of 0.5 over 300 steps, then flat at 0.3.
    const steps = healthyRun({ steps: 3600, seed: 81 }).map((v, i) => {
      const fall = Math.min(0.5, (0.5 * Math.max(0, i - 3000)) / 300);
      return v.map((x) => x - fall);
    });
    const { alerts } = runDetector(trendDetector, defaults, rewardInputs("accuracy", steps));
    const down = alerts.filter((a) => a.type === "trend_down");
    expect(down.length).toBeGreaterThanOrEqual(2);
    expect(down[0]!.step).toBeGreaterThanOrEqual(3080);
    expect(down[0]!.step).toBeLessThanOrEqual(3120);
    expect(down[0]!.severity).toBe("medium");
    expect(down.some((a) => a.severity === "high")).toBe(true);
    for (let i = 1; i < down.length; i++)
      expect(down[i]!.step - down[i - 1]!.step).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ["normal", 82],
    ["bernoulli", 83],
    ["penalty", 84],
  ] as const)(
    "on 5,000 healthy %s steps: (almost) no trend_down, trend_up only low and spaced",
    (kind, seed) => {
      const { alerts, state } = runDetector(
        trendDetector,
        defaults,
        rewardInputs("r", healthyRun({ steps: 5000, seed, kind })),
      );
      expect(alerts.filter((a) => a.type === "trend_down").length).toBeLessThanOrEqual(5);
      const up = alerts.filter((a) => a.type === "trend_up");
      expect(up.every((a) => a.severity === "low")).toBe(true);
      for (let i = 1; i < up.length; i++) expect(up[i]!.step - up[i - 1]!.step).toBeGreaterThanOrEqual(100);
      expect(state.means.values).toHaveLength(200);
      expect(nonJsonPaths(state)).toEqual([]);
    },
  );

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const inputs = rewardInputs("r", healthyRun({ steps: 1500, seed: 85, rise: 1500 }));
    const straight = runDetector(trendDetector, defaults, inputs);
    const resumed = runDetector(trendDetector, defaults, inputs, { roundTripAt: 333 });
    expect(straight.alerts.length).toBeGreaterThan(0);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => trendDetector.init({ ...defaults, change: 0 })).toThrow(RewardscopeError);
    expect(() => trendDetector.init({ ...defaults, window: 1 })).toThrow(/detectors\.trend\.window/);
  });
});
