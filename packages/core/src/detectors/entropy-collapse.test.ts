import { describe, expect, it } from "vitest";
import { entropyCollapseDetector } from "./entropy-collapse.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

describeStepDetector({
  detector: entropyCollapseDetector,
  type: "entropy_collapse",
  pathology: {
    views: () =>
      steps(0, 80, (step) => stepView({ step, metrics: { "actor/entropy": step < 60 ? 1.2 : 0.1 } })),
    firstAlertStep: 62,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    // A healthy, slow decline: 1.2 -> 0.8 over the run, with step-to-step noise.
    return steps(0, 5000, (step) =>
      stepView({
        step,
        metrics: { entropy: 1.2 - (0.4 * step) / 5000 + 0.05 * gaussian(random), loss: 0.3 },
      }),
    );
  },
  absent: (step) => stepView({ step, metrics: { loss: 0.2 } }),
  invalid: [
    { options: { metrics: [] }, field: "detectors.entropy_collapse.metrics" },
    { options: { fraction: 1.1 }, field: "detectors.entropy_collapse.fraction" },
    { options: { floor: -1 }, field: "detectors.entropy_collapse.floor" },
  ],
});

describe("entropyCollapseDetector", () => {
  const options = { ...entropyCollapseDetector.defaults, baselineSteps: 3, baselineAlpha: 0.5 };
  const run = (values: number[], metric = "entropy", o = options) =>
    runStepDetector(
      entropyCollapseDetector,
      o,
      values.map((v, step) => stepView({ step, metrics: { [metric]: v } })),
    ).alerts;

  it("takes the highest EWMA of the first steps as the baseline (1, 3, 1 -> max(1, 2, 1.5) = 2)", () => {
    const alerts = run([1, 3, 1, 0.39, 0.39, 0.39, 0.41]);
    expect(alerts.map((a) => a.step)).toEqual([5]);
    expect(alerts[0]).toMatchObject({
      value: 0.39,
      severity: "medium",
      evidence: { baseline: 2, ratio: 0.195 },
    });
    expect(alerts[0]?.threshold).toBeCloseTo(0.4, 12);
  });

  it("applies the absolute floor when the baseline was above it, high when both rules hold", () => {
    const floorOnly = run([0.2, 0.2, 0.2, 0.045, 0.045, 0.045]);
    expect(floorOnly[0]).toMatchObject({ step: 5, value: 0.045, threshold: 0.05, severity: "medium" });
    const both = run([0.3, 0.3, 0.3, 0.04, 0.04, 0.04]);
    expect(both[0]?.severity).toBe("high");
    expect(run([0.04, 0.04, 0.04, 0.001, 0.02, 0.02, 0.02])).toEqual([]);
  });

  it("follows the first configured metric it sees, and only that one", () => {
    const views = [1, 1, 1, 0.1, 0.1, 0.1].map((v, step) =>
      stepView({ step, metrics: { policy_entropy: v, "train/entropy": 1 } }),
    );
    const alerts = runStepDetector(entropyCollapseDetector, options, views).alerts;
    expect(alerts.map((a) => [a.step, a.metric])).toEqual([[5, "policy_entropy"]]);
  });
});
