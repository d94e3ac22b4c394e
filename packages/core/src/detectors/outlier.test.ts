import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
} from "./lib/test-series.case.js";
import { outlierDetector } from "./outlier.js";

const defaults = outlierDetector.defaults;

describe("outlierDetector", () => {
  it("computes the robust z against the median and MAD of the history", () => {
    // History 1..21 step means: median 11, MAD 5, scale 1.4826 * 5 = 7.413; 11 + 5 * 7.413 = 48.065 is z = 5.
    // The local level is the whole history here, so only the robust z decides.
    const options = { ...defaults, threshold: 5, localWindow: 21 };
    const steps = Array.from({ length: 21 }, (_, i) => [i + 1]);
    const below = runDetector(outlierDetector, options, rewardInputs("r", [...steps, [48]]));
    expect(below.alerts).toEqual([]);
    const { alerts } = runDetector(outlierDetector, options, rewardInputs("r", [...steps, [48.1]]));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.step).toBe(21);
    expect(alerts[0]!.value).toBeCloseTo((48.1 - 11) / 7.413, 6);
    expect(alerts[0]!.evidence?.median).toBe(11);
    expect(alerts[0]!.severity).toBe("low");
  });

  it("fires on a single wild step of a healthy run, and only there", () => {
    const steps = healthyRun({ steps: 1000, seed: 3 });
    steps[600] = steps[600]!.map((x) => x - 1);
    const { alerts } = runDetector(outlierDetector, defaults, rewardInputs("accuracy", steps));
    expect(alerts.map((a) => a.step)).toEqual([600]);
    expect(alerts[0]!.evidence?.z).toBeLessThan(-10);
    expect(alerts[0]!.severity).toBe("medium");
    expect(alertProblems(alerts[0]!)).toEqual([]);
  });

  it("does not call a steady rise outliers: the step must stand out from the local level too", () => {
    const steps = Array.from({ length: 200 }, (_, i) => [i * 0.1]);
    expect(runDetector(outlierDetector, defaults, rewardInputs("r", steps)).alerts).toEqual([]);
  });

  it("reports a lasting shift once, not on every step until the median catches up", () => {
    const steps = healthyRun({ steps: 800, seed: 4 }).map((v, step) =>
      step >= 500 ? v.map((x) => x + 2) : v,
    );
    const { alerts } = runDetector(outlierDetector, defaults, rewardInputs("accuracy", steps));
    expect(alerts.map((a) => a.step)).toEqual([500]);
  });

  it.each([
    ["normal", 11],
    ["bernoulli", 12],
    ["penalty", 13],
  ] as const)("stays (almost) silent on 5,000 healthy %s steps", (kind, seed) => {
    const inputs = rewardInputs("r", healthyRun({ steps: 5000, seed, kind }));
    const { alerts, state } = runDetector(outlierDetector, defaults, inputs);
    expect(alerts.length).toBeLessThanOrEqual(5);
    expect(state.means.values).toHaveLength(defaults.window);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = healthyRun({ steps: 1200, seed: 5 });
    steps[700] = steps[700]!.map((x) => x + 1);
    const inputs = rewardInputs("r", steps);
    const straight = runDetector(outlierDetector, defaults, inputs);
    const resumed = runDetector(outlierDetector, defaults, inputs, { roundTripAt: 650 });
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
    expect(straight.alerts.length).toBeGreaterThan(0);
  });

  it("skips steps without values and rejects bad options", () => {
    const { alerts } = runDetector(outlierDetector, defaults, rewardInputs("r", [[null], [], [1]]));
    expect(alerts).toEqual([]);
    expect(() => outlierDetector.init({ ...defaults, threshold: 0 })).toThrow(RewardscopeError);
    expect(() => outlierDetector.init({ ...defaults, window: 2.5 })).toThrow(/detectors\.outlier\.window/);
  });
});
