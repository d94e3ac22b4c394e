import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { truncationDetector } from "./truncation.js";

function flags(n: number, truncated: number) {
  return Array.from({ length: n }, (_, i) => i < truncated);
}

describeStepDetector({
  detector: truncationDetector,
  type: "truncation",
  pathology: {
    views: () => steps(0, 30, (step) => stepView({ step, truncated: flags(32, step < 10 ? 4 : 29) })),
    firstAlertStep: 12,
    severity: "high",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const p = 0.15 + 0.1 * Math.sin(step / 300) + 0.02 * gaussian(random);
      return stepView({ step, truncated: Array.from({ length: 32 }, () => random() < p) });
    });
  },
  absent: (step) => stepView({ step, metrics: { loss: 1 } }),
  invalid: [
    { options: { fraction: 1.5 }, field: "detectors.truncation.fraction" },
    { options: { minSteps: 0 }, field: "detectors.truncation.minSteps" },
    { options: { warmup: -1 }, field: "detectors.truncation.warmup" },
  ],
});

describe("truncationDetector", () => {
  const run = (views: ReturnType<typeof stepView>[], options = {}) =>
    runStepDetector(truncationDetector, { ...truncationDetector.defaults, ...options }, views).alerts;

  it("counts known flags only, ignoring nulls (2 of 3 = 0.667, medium)", () => {
    const alerts = run(steps(0, 3, (step) => stepView({ step, truncated: [true, null, false, true] })));
    expect(alerts.map((a) => a.step)).toEqual([2]);
    expect(alerts[0]?.value).toBeCloseTo(2 / 3, 12);
    expect(alerts[0]?.severity).toBe("medium");
    expect(alerts[0]?.evidence).toEqual({ truncatedFraction: 2 / 3, completions: 3, steps: 3 });
  });

  it("falls back to quality.truncatedRate when the batch has no flags", () => {
    const alerts = run(steps(0, 4, (step) => stepView({ step, quality: { truncatedRate: 0.5 } })));
    expect(alerts.map((a) => a.step)).toEqual([2]);
    expect(alerts[0]?.window).toBe(3);
  });

  it("restarts the streak after a step under the fraction, and waits out the warmup", () => {
    const rates = [0.6, 0.6, 0.4, 0.6, 0.6, 0.6];
    const views = rates.map((truncatedRate, step) => stepView({ step, quality: { truncatedRate } }));
    expect(run(views).map((a) => a.step)).toEqual([5]);
    const flat = steps(0, 8, (step) => stepView({ step, quality: { truncatedRate: 0.9 } }));
    expect(run(flat, { warmup: 5 }).map((a) => a.step)).toEqual([5]);
  });

  it("raises once per run of steps, again when the severity rises", () => {
    const rates = [0.6, 0.6, 0.6, 0.7, 0.9, 0.9, 0.6];
    const views = rates.map((truncatedRate, step) => stepView({ step, quality: { truncatedRate } }));
    expect(run(views).map((a) => [a.step, a.severity])).toEqual([
      [2, "medium"],
      [4, "high"],
    ]);
  });
});
