import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
  seededRandom,
} from "./lib/test-series.case.js";
import { saturationDetector } from "./saturation.js";

const defaults = saturationDetector.defaults;
/** 20 values: `atMax` of them 1, the rest 0.5. */
const step = (atMax: number) => Array.from({ length: 20 }, (_, i) => (i < atMax ? 1 : 0.5));

describe("saturationDetector", () => {
  it("counts a step at exactly `fraction` of values at the observed maximum", () => {
    const steps = [[0, 1], ...Array(9).fill(step(19)), step(18), ...Array(10).fill(step(19))];
    const options = { ...defaults, minSteps: 10 };
    const { alerts } = runDetector(saturationDetector, options, rewardInputs("format", steps));
    expect(alerts.map((a) => [a.step, a.type, a.value])).toEqual([[20, "saturation_high", 0.95]]);
    expect(alerts[0]!.evidence).toMatchObject({ bound: 1, known: 0, onset: 11, steps: 10 });
    expect(alerts[0]!.message).toContain("observed maximum 1");
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("fires when a healthy accuracy reaches its known maximum, and escalates when it lasts", () => {
    const rand = seededRandom(61);
    const steps = healthyRun({ steps: 700, seed: 61, kind: "bernoulli" }).map((v, i) =>
      i >= 500 ? v.map(() => (rand() < 0.995 ? 1 : 0)) : v,
    );
    const options = { ...defaults, min: 0, max: 1 };
    const { alerts } = runDetector(saturationDetector, options, rewardInputs("accuracy", steps));
    expect(alerts.map((a) => [a.step, a.type, a.severity])).toEqual([
      [504, "saturation_high", "medium"],
      [524, "saturation_high", "high"],
    ]);
  });

  it("fires saturation_low when nearly every value sits at the minimum", () => {
    const rand = seededRandom(62);
    const steps = healthyRun({ steps: 300, seed: 62, kind: "bernoulli" }).map((v, i) =>
      i >= 200 ? v.map(() => (rand() < 0.01 ? 1 : 0)) : v,
    );
    const { alerts } = runDetector(saturationDetector, defaults, rewardInputs("accuracy", steps));
    expect(alerts.map((a) => [a.step, a.type, a.severity])).toEqual([
      [204, "saturation_low", "medium"],
      [224, "saturation_low", "high"],
    ]);
  });

  it("leaves a function that only ever took one value to flatline, unless its bound is known", () => {
    const steps = Array.from({ length: 30 }, () => [1, 1, 1]);
    expect(runDetector(saturationDetector, defaults, rewardInputs("f", steps)).alerts).toEqual([]);
    const known = runDetector(saturationDetector, { ...defaults, max: 1 }, rewardInputs("f", steps));
    // Raised after 5 steps, again (high) after 5 x 5.
    expect(known.alerts.map((a) => [a.step, a.type])).toEqual([
      [4, "saturation_high"],
      [24, "saturation_high"],
    ]);
  });

  it("does not call a penalty saturated when it sits at its maximum 0 (it rarely has to penalise)", () => {
    const steps = Array.from({ length: 30 }, (_, i) => (i === 0 ? [-0.5, 0] : Array(20).fill(0)));
    expect(runDetector(saturationDetector, defaults, rewardInputs("length_penalty", steps)).alerts).toEqual(
      [],
    );
  });

  it.each([
    ["normal", 63],
    ["bernoulli", 64],
    ["penalty", 65],
  ] as const)("stays silent on 5,000 healthy %s steps", (kind, seed) => {
    const { alerts, state } = runDetector(
      saturationDetector,
      defaults,
      rewardInputs("r", healthyRun({ steps: 5000, seed, kind })),
    );
    expect(alerts).toEqual([]);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = [[0, 1], ...Array(40).fill(step(20))];
    const inputs = rewardInputs("f", steps);
    const straight = runDetector(saturationDetector, defaults, inputs);
    const resumed = runDetector(saturationDetector, defaults, inputs, { roundTripAt: 5 });
    expect(straight.alerts.map((a) => a.step)).toEqual([5, 25]);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => saturationDetector.init({ ...defaults, fraction: 0 })).toThrow(RewardscopeError);
    expect(() => saturationDetector.init({ ...defaults, min: 1, max: 1 })).toThrow(
      /detectors\.saturation\.min/,
    );
  });
});
