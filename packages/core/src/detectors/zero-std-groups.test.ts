import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { zeroStdGroupsDetector } from "./zero-std-groups.js";

function binomial(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

describeStepDetector({
  detector: zeroStdGroupsDetector,
  type: "zero_std_groups",
  pathology: {
    views: () =>
      steps(0, 40, (step) =>
        stepView({
          step,
          groups:
            step < 20
              ? { groups: 16, zeroStdFraction: 0.2, zeroStdFractionByFn: { format: 0.3, accuracy: 0.25 } }
              : { groups: 16, zeroStdFraction: 0.9375, zeroStdFractionByFn: { format: 1, accuracy: 0.5 } },
        }),
      ),
    firstAlertStep: 22,
    severity: "critical",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const p = 0.15 + 0.1 * Math.sin(step / 400);
      const zero = binomial(random, 16, p) / 16;
      return stepView({
        step,
        groups: { groups: 16, zeroStdFraction: zero, zeroStdFractionByFn: { accuracy: zero } },
      });
    });
  },
  absent: (step) => stepView({ step, quality: { uniqueRatio: 1 } }),
  invalid: [
    { options: { fraction: -0.1 }, field: "detectors.zero_std_groups.fraction" },
    { options: { criticalFraction: 2 }, field: "detectors.zero_std_groups.criticalFraction" },
    { options: { minSteps: 1.5 }, field: "detectors.zero_std_groups.minSteps" },
  ],
});

describe("zeroStdGroupsDetector", () => {
  const run = (views: ReturnType<typeof stepView>[]) =>
    runStepDetector(zeroStdGroupsDetector, zeroStdGroupsDetector.defaults, views).alerts;

  it("names the constant function and gives every function's fraction as evidence", () => {
    const groups = {
      groups: 8,
      meanSize: 4,
      zeroStdFraction: 0.625,
      zeroStdFractionByFn: { format: 1, accuracy: 0.625 },
    };
    const [alert] = run(steps(0, 3, (step) => stepView({ step, groups })));
    expect(alert?.step).toBe(2);
    expect(alert?.severity).toBe("medium");
    expect(alert?.value).toBe(0.625);
    expect(alert?.message).toContain("'format' (100% of groups)");
    expect(alert?.evidence).toEqual({
      groups: 8,
      meanGroupSize: 4,
      steps: 3,
      "zeroStd.format": 1,
      "zeroStd.accuracy": 0.625,
    });
  });

  it("ignores a step with no groups (groups: 0)", () => {
    const views = steps(0, 5, (step) =>
      stepView({ step, groups: step === 2 ? { groups: 0, zeroStdFraction: 0 } : { zeroStdFraction: 0.5 } }),
    );
    expect(run(views).map((a) => [a.step, a.window])).toEqual([[3, 3]]);
  });
});
