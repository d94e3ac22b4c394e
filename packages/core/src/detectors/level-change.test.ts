import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { levelChangeDetector } from "./level-change.js";
import {
  alertProblems,
  healthyRun,
  nonJsonPaths,
  rewardInputs,
  runDetector,
} from "./lib/test-series.case.js";

const defaults = levelChangeDetector.defaults;
const shifted = (steps: number[][], from: number, f: (x: number) => number) =>
  steps.map((values, step) => (step >= from ? values.map(f) : values));

describe("levelChangeDetector (cusum)", () => {
  it("standardises the residual by the noise sd from step-to-step differences", () => {
    // Means alternate 1.0 / 1.1: every |difference| is 0.1, so sd = 0.1 * sqrt(pi) / 2 = 0.08862.
    // A jump of 2 / 0.0886 = 22 sd is clipped to 4 sd: each step adds 4 - 0.5 to the up-sum, which passes
    // h = 12 on the fourth step of the jump; one such step alone cannot alarm.
    const steps = Array.from({ length: 201 }, (_, i) => [i % 2 === 0 ? 1 : 1.1]);
    const jump = [[3.05], [3.05], [3.05], [3.05]];
    expect(runDetector(levelChangeDetector, defaults, rewardInputs("r", [...steps, [3.05]])).alerts).toEqual(
      [],
    );
    // With the default h 10 the same jump alarms on its third step (3 x 3.5 = 10.5).
    const early = runDetector(levelChangeDetector, defaults, rewardInputs("r", [...steps, ...jump]));
    expect(early.alerts.map((a) => a.step)).toEqual([203]);
    const h12 = { ...defaults, h: 12 };
    const { alerts } = runDetector(levelChangeDetector, h12, rewardInputs("r", [...steps, ...jump]));
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ step: 204, type: "spike", threshold: 12, window: 4 });
    // The jump's own first steps widen the yardstick a little (their differences enter clipped at 4x).
    expect(alert.evidence?.sd).toBeGreaterThan(0.0886);
    expect(alert.evidence?.sd).toBeLessThan(0.1);
    expect(alert.evidence?.baseline).toBeCloseTo(1.05, 1);
    expect(alert.evidence?.z).toBe(4);
    expect(alert.value).toBeCloseTo(4 * (4 - 0.5), 9);
  });

  it("finds a 5-sd drop within a few steps, with the onset", () => {
    // sd of a step mean: 0.3 / sqrt(64) = 0.0375; -0.2 is 5.3 sd.
    const steps = shifted(healthyRun({ steps: 1600, seed: 21 }), 1200, (x) => x - 0.2);
    const { alerts } = runDetector(levelChangeDetector, defaults, rewardInputs("accuracy", steps));
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.type).toBe("drop");
    expect(alert.step).toBeGreaterThanOrEqual(1200);
    expect(alert.step).toBeLessThanOrEqual(1204);
    expect(alert.evidence?.onset).toBe(1200);
    expect(alert.evidence?.change).toBeLessThan(-0.2);
    // -26% of the baseline: one level above the default medium.
    expect(alert.severity).toBe("high");
    expect(alertProblems(alert)).toEqual([]);
  });

  it("escalates a drop to zero to critical and a x5 spike to high", () => {
    const run = healthyRun({ steps: 900, seed: 22, kind: "bernoulli" });
    const dropped = runDetector(
      levelChangeDetector,
      defaults,
      rewardInputs(
        "a",
        shifted(run, 600, () => 0),
      ),
    );
    expect(dropped.alerts.map((a) => [a.step, a.type, a.severity])).toEqual([[602, "drop", "critical"]]);
    const spiked = runDetector(
      levelChangeDetector,
      defaults,
      rewardInputs(
        "a",
        shifted(run, 600, (x) => 5 * x),
      ),
    );
    expect(spiked.alerts.map((a) => [a.step, a.type, a.severity])).toEqual([[602, "spike", "high"]]);
  });

  it.each([
    ["normal", 31, undefined],
    ["normal, fast rise", 32, 300],
    ["bernoulli", 33, undefined],
    ["penalty", 34, undefined],
  ] as const)("stays (almost) silent on 5,000 healthy %s steps", (label, seed, rise) => {
    const kind = label.startsWith("normal") ? "normal" : (label as "bernoulli" | "penalty");
    const inputs = rewardInputs("r", healthyRun({ steps: 5000, seed, kind, ...(rise ? { rise } : {}) }));
    const { alerts, state } = runDetector(levelChangeDetector, defaults, inputs);
    expect(alerts.length).toBeLessThanOrEqual(5);
    expect(nonJsonPaths(state)).toEqual([]);
  });

  it("gives identical results after a JSON round trip of its state mid-run", () => {
    const steps = shifted(healthyRun({ steps: 1500, seed: 23 }), 1000, (x) => x + 0.3);
    const inputs = rewardInputs("r", steps);
    const straight = runDetector(levelChangeDetector, defaults, inputs);
    const resumed = runDetector(levelChangeDetector, defaults, inputs, { roundTripAt: 990 });
    expect(straight.alerts.length).toBeGreaterThan(0);
    expect(resumed.alerts).toEqual(straight.alerts);
    expect(resumed.state).toEqual(straight.state);
  });

  it("rejects bad options at their path", () => {
    expect(() => levelChangeDetector.init({ ...defaults, h: 0 })).toThrow(RewardscopeError);
    expect(() => levelChangeDetector.init({ ...defaults, alpha: 2 })).toThrow(
      /detectors\.level_change\.alpha/,
    );
    const method = "median" as unknown as "cusum";
    expect(() => levelChangeDetector.init({ ...defaults, method })).toThrow(
      /detectors\.level_change\.method/,
    );
  });
});

describe("levelChangeDetector (naive)", () => {
  const naive = { ...defaults, method: "naive" as const };

  it("fires a drop when the short EMA falls under half the long EMA, once", () => {
    const means = [...Array<number>(100).fill(1), ...Array<number>(100).fill(0.3)];
    // Reference: the EMAs of the fixture (alpha 0.1 and 0.01, both started at the first mean).
    let short = 1;
    let long = 1;
    let expected = -1;
    means.forEach((m, step) => {
      short += 0.1 * (m - short);
      long += 0.01 * (m - long);
      if (expected < 0 && short < 0.5 * long) expected = step;
    });
    const { alerts } = runDetector(
      levelChangeDetector,
      naive,
      rewardInputs(
        "r",
        means.map((m) => [m]),
      ),
    );
    expect(alerts.map((a) => [a.step, a.type])).toEqual([[expected, "drop"]]);
    expect(expected).toBeGreaterThan(100);
    expect(alerts[0]!.value).toBeLessThan(0.5);
  });

  it("is silent on a healthy run", () => {
    const inputs = rewardInputs("r", healthyRun({ steps: 3000, seed: 35 }));
    expect(runDetector(levelChangeDetector, naive, inputs).alerts).toEqual([]);
  });
});
