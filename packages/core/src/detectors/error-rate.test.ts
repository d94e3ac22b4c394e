import { describe, expect, it } from "vitest";
import { errorRateDetector } from "./error-rate.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

const n = 64;
const filled = (v: number) => Array.from({ length: n }, () => v);
const nulls = () => Array.from({ length: n }, () => null);

describeStepDetector({
  detector: errorRateDetector,
  type: "error_rate",
  pathology: {
    views: () =>
      steps(0, 30, (step) =>
        stepView({
          step,
          rewards: { format: { values: filled(1) }, accuracy: { values: filled(0.5) } },
          calls: { format: { calls: 256, errors: 0 }, accuracy: { calls: 256, errors: step < 10 ? 2 : 40 } },
        }),
      ),
    firstAlertStep: 10,
    severity: "high",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      let errors = 0;
      for (let i = 0; i < 256; i++) if (random() < 0.003) errors++;
      const accuracy = Array.from({ length: n }, () => (random() < 0.05 ? null : random() < 0.5 ? 1 : 0));
      return stepView({
        step,
        rewards: { format: { values: filled(1) }, accuracy: { values: accuracy } },
        calls: { format: { calls: 256, errors: 0 }, accuracy: { calls: 256, errors } },
      });
    });
  },
  absent: (step) => stepView({ step, metrics: { loss: 0.1 } }),
  invalid: [
    { options: { rate: 1.01 }, field: "detectors.error_rate.rate" },
    { options: { minCalls: 0 }, field: "detectors.error_rate.minCalls" },
    { options: { severity: "urgent" as "high" }, field: "detectors.error_rate.severity" },
  ],
});

describe("errorRateDetector", () => {
  const run = (views: ReturnType<typeof stepView>[]) =>
    runStepDetector(errorRateDetector, errorRateDetector.defaults, views).alerts;

  it("computes errors / calls per function and escalates to critical at 50%", () => {
    const view = stepView({
      step: 0,
      calls: { a: { calls: 40, errors: 2 }, b: { calls: 40, errors: 20 }, c: { calls: 40, errors: 1 } },
    });
    const alerts = run([view]);
    expect(alerts.map((a) => [a.rewardFn, a.value, a.severity])).toEqual([
      ["a", 0.05, "high"],
      ["b", 0.5, "critical"],
    ]);
    expect(alerts[0]?.evidence).toEqual({ calls: 40, errors: 2, errorRate: 0.05, failingSteps: 1 });
  });

  it("raises once per failing run, again when the severity rises or after the run ends", () => {
    const errors = [3, 3, 30, 30, 0, 3];
    const views = errors.map((e, step) => stepView({ step, calls: { a: { calls: 50, errors: e } } }));
    expect(run(views).map((a) => [a.step, a.severity])).toEqual([
      [0, "high"],
      [2, "critical"],
      [5, "high"],
    ]);
  });

  it("does not judge a step with fewer than minCalls calls", () => {
    const options = { ...errorRateDetector.defaults, minCalls: 20 };
    const view = stepView({ step: 0, calls: { a: { calls: 19, errors: 19 } } });
    expect(runStepDetector(errorRateDetector, options, [view]).alerts).toEqual([]);
  });

  it("judges a single failing batch call by default (TRL calls each function once per batch)", () => {
    expect(run([stepView({ step: 0, calls: { a: { calls: 1, errors: 1 } } })])).toHaveLength(1);
  });

  it("takes one failed call among many for a blip, not a failing function (minErrors 2)", () => {
    expect(run([stepView({ step: 0, calls: { a: { calls: 16, errors: 1 } } })])).toEqual([]);
    expect(run([stepView({ step: 0, calls: { a: { calls: 16, errors: 2 } } })])).toHaveLength(1);
    const options = { ...errorRateDetector.defaults, minErrors: 1 };
    const view = stepView({ step: 0, calls: { a: { calls: 16, errors: 1 } } });
    expect(runStepDetector(errorRateDetector, options, [view]).alerts).toHaveLength(1);
  });

  it("raises high when one function returns only nulls for 5 steps while another returns values", () => {
    const views = steps(0, 7, (step) =>
      stepView({
        step,
        rewards: { format: { values: filled(1) }, judge: { values: step === 1 ? filled(0.3) : nulls() } },
      }),
    );
    const alerts = run(views);
    expect(alerts.map((a) => a.step)).toEqual([6]);
    expect(alerts[0]).toMatchObject({
      rewardFn: "judge",
      severity: "high",
      value: 5,
      threshold: 5,
      window: 5,
    });
  });

  it("does not count steps where every function returned only nulls", () => {
    const views = steps(0, 8, (step) =>
      stepView({ step, rewards: { format: { values: nulls() }, judge: { values: nulls() } } }),
    );
    expect(run(views)).toEqual([]);
  });

  it("raises one alert, not two, when a function's nulls come with an error rate", () => {
    const views = steps(0, 5, (step) =>
      stepView({
        step,
        rewards: { format: { values: filled(1) }, judge: { values: nulls() } },
        calls: { judge: { calls: 64, errors: 64 } },
      }),
    );
    const alerts = run(views);
    expect(alerts.map((a) => [a.step, a.value, a.severity])).toEqual([[0, 1, "critical"]]);
  });
});
