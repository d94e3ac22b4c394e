import { describe, expect, it } from "vitest";
import { diversityCollapseDetector } from "./diversity-collapse.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { clamp, gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

describeStepDetector({
  detector: diversityCollapseDetector,
  type: "diversity_collapse",
  pathology: {
    views: () =>
      steps(0, 50, (step) =>
        stepView({
          step,
          quality:
            step < 30
              ? { uniqueRatio: 0.95, nearDuplicateRatio: 0.1, distinct2: 0.6 }
              : { uniqueRatio: 0.3, nearDuplicateRatio: 0.8, distinct2: 0.2 },
        }),
      ),
    firstAlertStep: 32,
    severity: "high",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) =>
      stepView({
        step,
        quality: {
          uniqueRatio: clamp(0.93 + 0.04 * gaussian(random), 0, 1),
          nearDuplicateRatio: clamp(0.12 + 0.05 * gaussian(random), 0, 1),
          // A healthy, slow narrowing: 0.62 -> 0.45 over the run.
          distinct2: clamp(0.62 - (0.17 * step) / 5000 + 0.03 * gaussian(random), 0, 1),
        },
      }),
    );
  },
  absent: (step) => stepView({ step, quality: { meanRepetition: 0.1 } }),
  invalid: [
    { options: { uniqueRatio: 1.5 }, field: "detectors.diversity_collapse.uniqueRatio" },
    { options: { baselineSteps: 0 }, field: "detectors.diversity_collapse.baselineSteps" },
    { options: { baselineAlpha: 2 }, field: "detectors.diversity_collapse.baselineAlpha" },
  ],
});

describe("diversityCollapseDetector", () => {
  const options = { ...diversityCollapseDetector.defaults, baselineSteps: 3, baselineAlpha: 0.5 };
  const run = (distinct2: number[]) =>
    runStepDetector(
      diversityCollapseDetector,
      options,
      distinct2.map((d, step) => stepView({ step, quality: { distinct2: d } })),
    ).alerts;

  it("compares distinct-2 with the EWMA of its first steps (0.6, 0.8, 0.7 -> 0.7; floor 0.35)", () => {
    const alerts = run([0.6, 0.8, 0.7, 0.3, 0.34, 0.3]);
    expect(alerts.map((a) => a.step)).toEqual([5]);
    expect(alerts[0]).toMatchObject({ metric: "quality.distinct2", value: 0.3, severity: "medium" });
    expect(alerts[0]?.threshold).toBeCloseTo(0.35, 12);
    expect(alerts[0]?.evidence?.distinct2Baseline).toBeCloseTo(0.7, 12);
  });

  it("does not judge distinct-2 before its baseline exists", () => {
    const views = [0.8, 0.8, 0.1, 0.1, 0.1].map((distinct2, step) =>
      stepView({ step, quality: { distinct2 } }),
    );
    expect(
      runStepDetector(diversityCollapseDetector, { ...options, baselineSteps: 5 }, views).alerts,
    ).toEqual([]);
  });

  it("freezes the baseline, so a lasting collapse keeps counting (one alert for the whole run)", () => {
    const views = [0.6, 0.6, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1].map((distinct2, step) =>
      stepView({ step, quality: { distinct2 } }),
    );
    const { alerts, state } = runStepDetector(diversityCollapseDetector, options, views);
    expect(alerts.map((a) => [a.step, a.threshold])).toEqual([[5, 0.3]]);
    expect(state.distinct2Baseline).toBe(0.6);
    expect(state.streak).toEqual({ count: 7, onset: 3, raised: 1 });
  });

  it("counts the unique ratio and near-duplicates without a baseline", () => {
    const views = steps(0, 3, (step) =>
      stepView({ step, quality: { uniqueRatio: 0.5, nearDuplicateRatio: 0.2 } }),
    );
    const alerts = runStepDetector(
      diversityCollapseDetector,
      diversityCollapseDetector.defaults,
      views,
    ).alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ step: 2, metric: "quality.uniqueRatio", value: 0.5, threshold: 0.5 });
  });
});
