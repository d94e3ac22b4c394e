import { describe, expect, it } from "vitest";
import { klSpikeDetector } from "./kl-spike.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

describeStepDetector({
  detector: klSpikeDetector,
  type: "kl_spike",
  pathology: {
    views: () =>
      steps(0, 60, (step) => {
        const kl = step < 5 ? 0 : step === 40 ? 0.8 : 0.001 * step;
        return stepView({ step, metrics: { "objective/kl": kl } });
      }),
    firstAlertStep: 40,
    severity: "high",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const kl = step < 3 ? 0 : 0.25 * (1 - Math.exp(-step / 800)) * Math.exp(0.35 * gaussian(random));
      return stepView({ step, metrics: { kl, loss: 0.1 } });
    });
  },
  absent: (step) => stepView({ step, metrics: { entropy: 1 } }),
  invalid: [
    { options: { factor: 1 }, field: "detectors.kl_spike.factor" },
    { options: { minKl: -0.1 }, field: "detectors.kl_spike.minKl" },
    { options: { metrics: ["kl", ""] }, field: "detectors.kl_spike.metrics[1]" },
  ],
});

describe("klSpikeDetector", () => {
  const options = { ...klSpikeDetector.defaults, warmup: 0, baselineAlpha: 0.5 };
  const run = (values: number[], o = options) =>
    runStepDetector(
      klSpikeDetector,
      o,
      values.map((kl, step) => stepView({ step, metrics: { kl } })),
    ).alerts;

  it("compares KL with factor x the EWMA of the steps before (0.1, 0.3 -> 0.2; threshold 1.0)", () => {
    expect(run([0.1, 0.3, 0.99])).toEqual([]);
    const [alert] = run([0.1, 0.3, 2]);
    expect(alert).toMatchObject({ step: 2, value: 2, threshold: 1, severity: "high", window: 2 });
    expect(alert?.evidence?.baseline).toBeCloseTo(0.2, 12);
    expect(alert?.evidence?.ratio).toBeCloseTo(10, 12);
  });

  it("handles KL starting at exactly 0: the threshold is then minKl", () => {
    const zeros = Array.from({ length: 15 }, () => 0);
    const [alert] = run([...zeros, 0.15], klSpikeDetector.defaults);
    expect(alert).toMatchObject({ step: 15, value: 0.15, threshold: 0.1, severity: "medium" });
    expect(alert?.evidence).toEqual({ kl: 0.15, baseline: 0, factor: 5, minKl: 0.1 });
    expect(run([...zeros, 0.05], klSpikeDetector.defaults)).toEqual([]);
  });

  it("lets a lasting new level into the baseline: one alert, and the spike ends after 4 steps", () => {
    const values = [...Array.from({ length: 100 }, () => 0.05), ...Array.from({ length: 50 }, () => 1)];
    const views = values.map((kl, step) => stepView({ step, metrics: { kl } }));
    const spikeLengths: number[] = [];
    const state = klSpikeDetector.init(klSpikeDetector.defaults);
    const steps: number[] = [];
    for (const view of views) {
      if (klSpikeDetector.check(view, state, klSpikeDetector.defaults).length > 0) steps.push(view.step);
      spikeLengths.push(state.spike.count);
    }
    expect(steps).toEqual([100]);
    // The baseline k steps into the new level is 1 - 0.95^(k+1): under 1/5 for k = 0..3 only.
    expect(Math.max(...spikeLengths)).toBe(4);
    expect(spikeLengths.at(-1)).toBe(0);
    expect(run([...values, 10], klSpikeDetector.defaults).map((a) => a.step)).toEqual([100, 150]);
  });

  it("waits for the warmup before judging", () => {
    expect(run([0, 0, 0, 5], { ...options, warmup: 4 })).toEqual([]);
  });
});
