import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  normalDraw,
  rewardInputs,
  runDetector,
  seededRandom,
} from "./lib/test-series.case.js";
import { varianceCollapseDetector } from "./variance-collapse.js";

const defaults = varianceCollapseDetector.defaults;

describe("varianceCollapseDetector", () => {
  it("computes CV = std / |mean| with the population std", () => {
    // [1.49, 1.51]: mean 1.5, std 0.01, CV 0.006667 < 0.01. [1.4, 1.6]: CV 0.0667.
    const steps = [[1.4, 1.6], ...Array(5).fill([1.49, 1.51])];
    const { alerts } = runDetector(varianceCollapseDetector, defaults, rewardInputs("f", steps));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ step: 5, severity: "high", threshold: 0.01, window: 5 });
    expect(alerts[0]!.value).toBeCloseTo(0.01 / 1.5, 9);
    expect(alerts[0]!.evidence?.onset).toBe(1);
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("judges a mean near 0 by std against the run's scale", () => {
    // Scale 1 (from the first step); floor 1e-6. A std of 5e-7 around 0 counts; CV alone would be huge.
    const steps = [[-1, 1], ...Array(5).fill([-5e-7, 5e-7])];
    const { alerts } = runDetector(varianceCollapseDetector, defaults, rewardInputs("f", steps));
    expect(alerts.map((a) => [a.step, a.value, a.threshold])).toEqual([[5, 5e-7, 1e-6]]);
  });

  it("fires on a reward converging to a constant with tiny noise, critical when it lasts", () => {
    const rand = seededRandom(71);
    const steps = healthyRun({ steps: 500, seed: 71, start: 2, end: 3 }).map((v, i) =>
      i >= 400 ? v.map(() => 3 + 0.001 * normalDraw(rand)) : v,
    );
    const { alerts } = runDetector(
      varianceCollapseDetector,
      defaults,
      rewardInputs("reasoning_steps", steps),
    );
    expect(alerts.map((a) => [a.step, a.severity])).toEqual([
      [404, "high"],
      [424, "critical"],
    ]);
  });

  it("does not fire on a function constant by design from its first step, nor on single-value steps", () => {
    const constant = Array.from({ length: 50 }, () => [2, 2, 2]);
    expect(runDetector(varianceCollapseDetector, defaults, rewardInputs("f", constant)).alerts).toEqual([]);
    const single = Array.from({ length: 50 }, (_, i) => [i]);
    expect(runDetector(varianceCollapseDetector, defaults, rewardInputs("f", single)).alerts).toEqual([]);
  });

  it.each([
    ["normal", 72],
    ["bernoulli", 73],
    ["penalty", 74],
  ] as const)("stays silent on 5,000 healthy %s steps", (kind, seed) => {
    const inputs = rewardInputs("r", healthyRun({ steps: 5000, seed, kind }));
    const { alerts, state } = runDetector(varianceCollapseDetector, defaults, inputs);
    expect(alerts).toEqual([]);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = [...healthyRun({ steps: 50, seed: 75 }), ...Array(30).fill([5, 5.001])];
    const inputs = rewardInputs("f", steps);
    const straight = runDetector(varianceCollapseDetector, defaults, inputs);
    const resumed = runDetector(varianceCollapseDetector, defaults, inputs, { roundTripAt: 52 });
    expect(straight.alerts.map((a) => a.step)).toEqual([54, 74]);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => varianceCollapseDetector.init({ ...defaults, cv: 0 })).toThrow(RewardscopeError);
    expect(() => varianceCollapseDetector.init({ ...defaults, criticalSteps: 2 })).toThrow(
      /detectors\.variance_collapse\.criticalSteps/,
    );
  });
});
