import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { slowRewardFnDetector } from "./slow-reward-fn.js";

describeStepDetector({
  detector: slowRewardFnDetector,
  type: "slow_reward_fn",
  pathology: {
    views: () =>
      steps(0, 40, (step) => {
        const avg = step < 30 ? 30 : 150;
        return stepView({ step, calls: { judge: { calls: 100, totalMs: 100 * avg, maxMs: 2 * avg } } });
      }),
    firstAlertStep: 30,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const avg = 40 * Math.exp(0.25 * gaussian(random));
      const max = avg * (3 + 20 * random());
      return stepView({
        step,
        calls: {
          judge: { calls: 128, totalMs: 128 * avg, maxMs: max },
          format: { calls: 128, totalMs: 3, maxMs: 0.2 },
        },
      });
    });
  },
  absent: (step) => stepView({ step, quality: { meanLength: 100 } }),
  invalid: [
    { options: { avgMs: 0 }, field: "detectors.slow_reward_fn.avgMs" },
    { options: { riseFactor: 1 }, field: "detectors.slow_reward_fn.riseFactor" },
    { options: { baselineAlpha: 0 }, field: "detectors.slow_reward_fn.baselineAlpha" },
  ],
});

describe("slowRewardFnDetector", () => {
  const run = (views: ReturnType<typeof stepView>[], options = {}) =>
    runStepDetector(slowRewardFnDetector, { ...slowRewardFnDetector.defaults, ...options }, views).alerts;

  it("flags a mean time per call over avgMs from the first step, high at 5x", () => {
    const alerts = run([
      stepView({
        step: 0,
        calls: { a: { calls: 4, totalMs: 4800, maxMs: 1500 }, b: { calls: 2, totalMs: 12_000, maxMs: 6000 } },
      }),
    ]);
    expect(alerts.map((a) => [a.rewardFn, a.value, a.threshold, a.severity])).toEqual([
      ["a", 1200, 1000, "medium"],
      ["b", 6000, 1000, "high"],
    ]);
  });

  it("flags one call over maxMs even when the mean is fine", () => {
    const [alert] = run([
      stepView({ step: 0, calls: { a: { calls: 100, totalMs: 20_000, maxMs: 12_000 } } }),
    ]);
    expect(alert).toMatchObject({ rewardFn: "a", value: 12_000, threshold: 10_000, window: 1 });
  });

  it("measures the rise against the EWMA baseline before this step (10 -> 100 ms is 10x)", () => {
    const views = steps(0, 12, (step) =>
      stepView({ step, calls: { a: { calls: 10, totalMs: step < 11 ? 100 : 1000 } } }),
    );
    const alerts = run(views);
    expect(alerts.map((a) => a.step)).toEqual([11]);
    expect(alerts[0]?.value).toBeCloseTo(10, 12);
    expect(alerts[0]?.evidence?.baselineMs).toBeCloseTo(10, 12);
    expect(alerts[0]?.window).toBe(11);
  });

  it("ignores a rise while the mean is under minRiseMs, and before baselineSteps", () => {
    const small = steps(0, 20, (step) =>
      stepView({ step, calls: { a: { calls: 10, totalMs: step < 15 ? 1 : 40 } } }),
    );
    expect(run(small)).toEqual([]);
    const early = steps(0, 6, (step) =>
      stepView({ step, calls: { a: { calls: 10, totalMs: step < 5 ? 100 : 2000 } } }),
    );
    expect(run(early)).toEqual([]);
  });
});
