import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { clamp, gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { repetitionDetector } from "./repetition.js";

describeStepDetector({
  detector: repetitionDetector,
  type: "excessive_repetition",
  pathology: {
    views: () =>
      steps(0, 40, (step) => {
        const level = step < 20 ? 0.08 : 0.45;
        return stepView({ step, quality: { meanRepetition: level, repetitiveRate: level + 0.05 } });
      }),
    firstAlertStep: 22,
    severity: "high",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) =>
      stepView({
        step,
        quality: {
          meanRepetition: clamp(0.08 + 0.03 * gaussian(random), 0, 1),
          repetitiveRate: clamp(0.06 + 0.04 * gaussian(random), 0, 1),
        },
      }),
    );
  },
  absent: (step) => stepView({ step, quality: { uniqueRatio: 0.9 } }),
  invalid: [
    { options: { meanRepetition: 1.2 }, field: "detectors.repetition.meanRepetition" },
    { options: { rate: Number.NaN }, field: "detectors.repetition.rate" },
    { options: { minSteps: 0 }, field: "detectors.repetition.minSteps" },
  ],
});

describe("repetitionDetector", () => {
  const run = (quality: { meanRepetition?: number; repetitiveRate?: number }[]) =>
    runStepDetector(
      repetitionDetector,
      repetitionDetector.defaults,
      quality.map((q, step) => stepView({ step, quality: q })),
    ).alerts;

  it("counts a step when either measure crosses, medium for one, high for both", () => {
    const alerts = run([
      { meanRepetition: 0.35 },
      { repetitiveRate: 0.3 },
      { meanRepetition: 0.1, repetitiveRate: 0.5 },
      { meanRepetition: 0.4, repetitiveRate: 0.4 },
    ]);
    expect(alerts.map((a) => [a.step, a.metric, a.value, a.severity])).toEqual([
      [2, "quality.repetitiveRate", 0.5, "medium"],
      [3, "quality.repetitiveRate", 0.4, "high"],
    ]);
    expect(alerts[0]?.evidence).toEqual({ repetitiveRate: 0.5, meanRepetition: 0.1, steps: 3 });
  });

  it("reports the mean repetition when only it crosses", () => {
    const alerts = run([
      { meanRepetition: 0.3 },
      { meanRepetition: 0.3 },
      { meanRepetition: 0.31, repetitiveRate: 0.1 },
    ]);
    expect(alerts[0]).toMatchObject({
      step: 2,
      metric: "quality.meanRepetition",
      value: 0.31,
      threshold: 0.3,
    });
  });

  it("restarts after a step under both thresholds", () => {
    expect(
      run([
        { meanRepetition: 0.5 },
        { meanRepetition: 0.5 },
        { meanRepetition: 0.29 },
        { meanRepetition: 0.5 },
      ]),
    ).toEqual([]);
  });
});
