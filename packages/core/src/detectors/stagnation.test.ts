import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { stagnationDetector } from "./stagnation.js";

const view = (step: number, mean: number) => stepView({ step, total: { mean, count: 64 } });

describeStepDetector({
  detector: stagnationDetector,
  type: "stagnation",
  pathology: {
    views: () => {
      const random = seededRandom(4);
      return steps(0, 400, (step) => view(step, 0.3 + 0.05 * gaussian(random)));
    },
    firstAlertStep: 199,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    // Learns (0.2 -> 0.8), plateaus (convergence, not stagnation), dips to 0.65 for a while, recovers.
    return steps(0, 5000, (step) => {
      const dip = step >= 3000 && step < 3300 ? -0.15 : 0;
      return view(step, 0.2 + 0.6 * (1 - Math.exp(-step / 150)) + dip + 0.05 * gaussian(random));
    });
  },
  absent: (step) => stepView({ step, metrics: { loss: 0.3 } }),
  invalid: [
    { options: { window: 4 }, field: "detectors.stagnation.window" },
    { options: { tStat: -1 }, field: "detectors.stagnation.tStat" },
    { options: { retained: 1.5 }, field: "detectors.stagnation.retained" },
  ],
});

describe("stagnationDetector", () => {
  const run = (means: number[], options = {}) =>
    runStepDetector(
      stagnationDetector,
      { ...stagnationDetector.defaults, ...options },
      means.map((m, step) => view(step, m)),
    ).alerts;

  it("computes Welch's t of the latest window against the first window / 4 steps", () => {
    // window 8: the start is the first 2 steps (1, 3: mean 2, variance 2); the window 1,3,1,3,1,3,1,3 has mean 2.
    const flat = run([1, 3, 1, 3, 1, 3, 1, 3], { window: 8 });
    expect(flat.map((a) => a.step)).toEqual([7]);
    expect(flat[0]).toMatchObject({ value: 0, threshold: 3, window: 8 });
    // Window 1,3,5,5,5,5,5,5: mean 4.25, variance 15.5/7; t = 2.25 / sqrt(15.5/56 + 2/2) = 1.991.
    const [alert] = run([1, 3, 5, 5, 5, 5, 5, 5], { window: 8 });
    expect(alert?.value).toBeCloseTo(2.25 / Math.sqrt(15.5 / 56 + 1), 12);
    expect(alert?.evidence).toMatchObject({ startMean: 2, windowMean: 4.25, startSteps: 2, windowSteps: 8 });
    // Window 1,3,9,9,9,9,9,9: mean 7.25, variance 75.5/7; t = 5.25 / sqrt(75.5/56 + 1) = 3.42: a rise.
    expect(run([1, 3, 9, 9, 9, 9, 9, 9], { window: 8 })).toEqual([]);
  });

  it("does not fire on a rise followed by a plateau, however long", () => {
    const means = Array.from(
      { length: 3000 },
      (_, step) => (step < 100 ? 0.2 + 0.006 * step : 0.8) + 0.01 * Math.sin(step),
    );
    expect(run(means)).toEqual([]);
  });

  it("fires when, after a rise, the latest window keeps less than 20% of the best gain", () => {
    const random = seededRandom(11);
    const means = Array.from(
      { length: 1500 },
      (_, step) => (step < 1000 ? 0.2 + 0.6 * (1 - Math.exp(-step / 100)) : 0.22) + 0.03 * gaussian(random),
    );
    const alerts = run(means);
    expect(alerts.length).toBeGreaterThan(0);
    const first = alerts[0];
    // Naive reference: the first step whose last-200 mean is below start + 0.2 x (best window mean - start).
    const start = means.slice(0, 50).reduce((a, b) => a + b, 0) / 50;
    let best = Number.NEGATIVE_INFINITY;
    let expected = -1;
    for (let end = 199; end < means.length && expected < 0; end++) {
      const mean = means.slice(end - 199, end + 1).reduce((a, b) => a + b, 0) / 200;
      best = Math.max(best, mean);
      if ((mean - start) / (best - start) < 0.2) expected = end;
    }
    expect(first?.step).toBe(expected);
    expect(first?.value).toBeLessThan(0.2);
    expect(first?.evidence?.roseAtStep).toBe(199);
  });
});
