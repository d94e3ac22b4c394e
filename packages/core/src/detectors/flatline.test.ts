import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { flatlineDetector } from "./flatline.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
} from "./lib/test-series.case.js";

const defaults = flatlineDetector.defaults;

describe("flatlineDetector", () => {
  it("fires when a function that varied returns 0 for everything, minSteps steps after", () => {
    const steps = healthyRun({ steps: 1000, seed: 41, kind: "bernoulli" }).map((v, step) =>
      step >= 700 ? v.map(() => 0) : v,
    );
    const { alerts } = runDetector(flatlineDetector, defaults, rewardInputs("accuracy", steps));
    expect(alerts.map((a) => [a.step, a.severity])).toEqual([[704, "high"]]);
    expect(alerts[0]!.evidence).toMatchObject({ onset: 700, value: 0, steps: 5, varied: 1, troubled: 0 });
    expect(alerts[0]!.message).toContain("since step 700");
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("is critical when stuck at 0 while calls return null, and escalates when the nulls start later", () => {
    const zeros = (n: number) => Array<number>(n).fill(0);
    const withNulls = [...zeros(6), null, null];
    const critical = runDetector(
      flatlineDetector,
      defaults,
      rewardInputs("f", [[1, 2], ...Array(5).fill(withNulls)]),
    );
    expect(critical.alerts.map((a) => [a.step, a.severity])).toEqual([[5, "critical"]]);
    const later = [[1, 2], ...Array(6).fill(zeros(8)), withNulls, withNulls];
    const escalated = runDetector(flatlineDetector, defaults, rewardInputs("f", later));
    expect(escalated.alerts.map((a) => [a.step, a.severity])).toEqual([
      [5, "high"],
      [7, "critical"],
    ]);
  });

  it("reports a function constant since its first step, unless constant is false", () => {
    const steps = Array.from({ length: 8 }, () => [1, 1, 1]);
    const { alerts } = runDetector(flatlineDetector, defaults, rewardInputs("f", steps));
    expect(alerts.map((a) => a.step)).toEqual([4]);
    expect(alerts[0]!.message).toContain("since its first step");
    expect(alerts[0]!.evidence?.varied).toBe(0);
    expect(
      runDetector(flatlineDetector, { ...defaults, constant: false }, rewardInputs("f", steps)).alerts,
    ).toEqual([]);
    const zeros = Array.from({ length: 8 }, () => [0, 0]);
    expect(
      runDetector(flatlineDetector, { ...defaults, constant: false }, rewardInputs("f", zeros)).alerts,
    ).toHaveLength(1);
  });

  it("counts only the same constant, and steps without values neither extend nor end a run", () => {
    const changing = Array.from({ length: 20 }, (_, i) => [i % 3]);
    expect(runDetector(flatlineDetector, defaults, rewardInputs("f", changing)).alerts).toEqual([]);
    const gaps = [[2], [], [2], [null], [2], [2], [2]];
    const { alerts } = runDetector(flatlineDetector, defaults, rewardInputs("f", gaps));
    expect(alerts.map((a) => [a.step, a.value])).toEqual([[6, 5]]);
  });

  it.each([
    ["normal", 42],
    ["bernoulli", 43],
    ["penalty", 44],
  ] as const)("stays silent on 5,000 healthy %s steps", (kind, seed) => {
    const { alerts, state } = runDetector(
      flatlineDetector,
      defaults,
      rewardInputs("r", healthyRun({ steps: 5000, seed, kind })),
    );
    expect(alerts).toEqual([]);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = healthyRun({ steps: 400, seed: 45 }).map((v, step) => (step >= 300 ? v.map(() => 0.5) : v));
    const inputs = rewardInputs("r", steps);
    const straight = runDetector(flatlineDetector, defaults, inputs);
    const resumed = runDetector(flatlineDetector, defaults, inputs, { roundTripAt: 302 });
    expect(straight.alerts.map((a) => a.step)).toEqual([304]);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => flatlineDetector.init({ ...defaults, minSteps: 0 })).toThrow(RewardscopeError);
    const constant = "yes" as unknown as boolean;
    expect(() => flatlineDetector.init({ ...defaults, constant })).toThrow(/detectors\.flatline\.constant/);
  });
});
