import { describe, expect, it } from "vitest";
import { degenerateOutputsDetector } from "./degenerate-outputs.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

function share(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k / n;
}

describeStepDetector({
  detector: degenerateOutputsDetector,
  type: "degenerate_outputs",
  pathology: {
    views: () =>
      steps(0, 30, (step) =>
        stepView({
          step,
          quality:
            step < 15 ? { degenerateRate: 0.01, emptyRate: 0 } : { degenerateRate: 0.6, emptyRate: 0.2 },
        }),
      ),
    firstAlertStep: 16,
    severity: "critical",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const empty = share(random, 64, 0.003);
      return stepView({
        step,
        quality: { degenerateRate: empty + share(random, 64, 0.01), emptyRate: empty },
      });
    });
  },
  absent: (step) => stepView({ step, quality: { uniqueRatio: 1 } }),
  invalid: [
    { options: { rate: -1 }, field: "detectors.degenerate_outputs.rate" },
    { options: { criticalRate: 1.5 }, field: "detectors.degenerate_outputs.criticalRate" },
    { options: { warmup: 0.5 }, field: "detectors.degenerate_outputs.warmup" },
  ],
});

describe("degenerateOutputsDetector", () => {
  const run = (quality: { degenerateRate?: number; emptyRate?: number }[]) =>
    runStepDetector(
      degenerateOutputsDetector,
      degenerateOutputsDetector.defaults,
      quality.map((q, step) => stepView({ step, quality: q })),
    ).alerts;

  it("fires after 2 steps at or above 10%, high below 50%", () => {
    const alerts = run([{ degenerateRate: 0.1 }, { degenerateRate: 0.2 }, { degenerateRate: 0.05 }]);
    expect(alerts.map((a) => [a.step, a.value, a.severity, a.metric])).toEqual([
      [1, 0.2, "high", "quality.degenerateRate"],
    ]);
  });

  it("counts empty completions too, and names them when they dominate", () => {
    const alerts = run([{ emptyRate: 0.15 }, { degenerateRate: 0.02, emptyRate: 0.12 }]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ step: 1, value: 0.12, metric: "quality.emptyRate" });
    expect(alerts[0]?.evidence).toEqual({ degenerateRate: 0.02, emptyRate: 0.12, steps: 2 });
  });
});
