import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
} from "./lib/test-series.case.js";
import { negativeRateDetector } from "./negative-rate.js";

const defaults = negativeRateDetector.defaults;
/** Ten values, `negative` of them -1 and the rest +1. */
const step = (negative: number) => Array.from({ length: 10 }, (_, i) => (i < negative ? -1 : 1));

describe("negativeRateDetector", () => {
  it("alerts only above max(threshold, early baseline + margin), after minSteps steps", () => {
    // Baseline 0.4 over the 20 warm-up steps: limit max(0.5, 0.4 + 0.25) = 0.65.
    const steps = [...Array(20).fill(step(4)), ...Array(10).fill(step(6)), ...Array(6).fill(step(7))];
    const { alerts } = runDetector(negativeRateDetector, defaults, rewardInputs("f", steps));
    expect(alerts.map((a) => [a.step, a.value, a.severity])).toEqual([[34, 0.7, "medium"]]);
    expect(alerts[0]!.threshold).toBeCloseTo(0.65, 12);
    expect(alerts[0]!.evidence).toMatchObject({ onset: 30, steps: 5 });
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("fires when a healthy function turns mostly negative, high when nearly all are", () => {
    const run = healthyRun({ steps: 800, seed: 51, start: 0.4, end: 0.6 });
    const steps = run.map((v, i) => (i >= 600 ? v.map((x) => x - 1) : v));
    const { alerts } = runDetector(negativeRateDetector, defaults, rewardInputs("correctness", steps));
    expect(alerts.map((a) => [a.step, a.severity])).toEqual([[604, "high"]]);
    expect(alerts[0]!.value).toBeGreaterThan(0.9);
  });

  it("never judges a function that is non-positive by design (a penalty)", () => {
    const steps = healthyRun({ steps: 600, seed: 52, kind: "penalty" }).map((v, i) =>
      i >= 300 ? v.map(() => -0.5) : v,
    );
    const { alerts, state } = runDetector(
      negativeRateDetector,
      defaults,
      rewardInputs("length_penalty", steps),
    );
    expect(alerts).toEqual([]);
    expect(state.byDesign).toBe(true);
  });

  it("does not alert on a function that starts mostly negative and stays so", () => {
    const steps = [...Array(20).fill(step(9)), ...Array(50).fill(step(10))];
    expect(runDetector(negativeRateDetector, defaults, rewardInputs("f", steps)).alerts).toEqual([]);
  });

  it.each([
    ["normal", 53],
    ["bernoulli", 54],
    ["penalty", 55],
  ] as const)("stays silent on 5,000 healthy %s steps", (kind, seed) => {
    const inputs = rewardInputs(
      "r",
      healthyRun({ steps: 5000, seed, kind, start: kind === "normal" ? 0 : 0.2 }),
    );
    const { alerts, state } = runDetector(negativeRateDetector, defaults, inputs);
    expect(alerts).toEqual([]);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = [...Array(20).fill(step(2)), ...Array(30).fill(step(8))];
    const inputs = rewardInputs("f", steps);
    const straight = runDetector(negativeRateDetector, defaults, inputs);
    const resumed = runDetector(negativeRateDetector, defaults, inputs, { roundTripAt: 22 });
    expect(straight.alerts.map((a) => a.step)).toEqual([24]);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => negativeRateDetector.init({ ...defaults, threshold: 1.5 })).toThrow(RewardscopeError);
    expect(() => negativeRateDetector.init({ ...defaults, warmup: 0 })).toThrow(
      /detectors\.high_negative_rate\.warmup/,
    );
  });
});
