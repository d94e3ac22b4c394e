import { describe, expect, it } from "vitest";
import { lengthHackingDetector } from "./length-hacking.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { clamp, gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";

const hacking = (step: number) =>
  step < 50
    ? { meanLength: 300, lengthRewardCorrelation: 0.1 }
    : { meanLength: 300 + 6 * (step - 50), lengthRewardCorrelation: 0.7 };

describeStepDetector({
  detector: lengthHackingDetector,
  type: "length_hacking",
  pathology: {
    views: () => steps(0, 150, (step) => stepView({ step, quality: hacking(step) })),
    firstAlertStep: 62,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      // Healthy: lengths grow with reasoning (300 -> 800) while reward barely follows length, then length
      // plateaus while longer answers do earn more (correlation 0.6).
      const growing = step < 2000;
      const meanLength = (growing ? 300 + step / 4 : 800) + 40 * gaussian(random);
      const lengthRewardCorrelation = clamp((growing ? 0.2 : 0.6) + 0.15 * gaussian(random), -1, 1);
      return stepView({ step, quality: { meanLength, lengthRewardCorrelation } });
    });
  },
  absent: (step) => stepView({ step, quality: { uniqueRatio: 0.9 } }),
  invalid: [
    { options: { correlation: 2 }, field: "detectors.length_hacking.correlation" },
    { options: { window: 1 }, field: "detectors.length_hacking.window" },
    { options: { growth: 0 }, field: "detectors.length_hacking.growth" },
  ],
});

describe("lengthHackingDetector", () => {
  it("fires at the first step where a naive reference sees EWMA(rho) >= 0.5, t > 3 and growth > 15%", () => {
    let ema: number | null = null;
    let expected = -1;
    for (let step = 0; step < 150 && expected < 0; step++) {
      const q = hacking(step);
      ema = ema === null ? q.lengthRewardCorrelation : ema + 0.1 * (q.lengthRewardCorrelation - ema);
      if (step < 49 || ema < 0.5) continue;
      const ys = Array.from({ length: 50 }, (_, i) => hacking(step - 49 + i).meanLength);
      const ym = ys.reduce((a, b) => a + b, 0) / 50;
      let sxy = 0;
      let sxx = 0;
      ys.forEach((y, x) => {
        sxy += (x - 24.5) * (y - ym);
        sxx += (x - 24.5) ** 2;
      });
      const slope = sxy / sxx;
      const sse = ys.reduce((a, y, x) => a + (y - (ym + slope * (x - 24.5))) ** 2, 0);
      const t = slope / Math.sqrt(sse / 48 / sxx);
      if (t > 3 && (slope * 49) / (ym - slope * 24.5) > 0.15) expected = step;
    }
    const views = steps(0, 150, (step) => stepView({ step, quality: hacking(step) }));
    const alerts = runStepDetector(lengthHackingDetector, lengthHackingDetector.defaults, views).alerts;
    expect(expected).toBe(62);
    expect(alerts[0]?.step).toBe(expected);
    expect(alerts[0]?.evidence?.correlation).toBeGreaterThanOrEqual(0.5);
  });

  const options = { ...lengthHackingDetector.defaults, window: 5, correlationAlpha: 1, growth: 0.3 };
  const run = (quality: { meanLength: number; lengthRewardCorrelation: number }[]) =>
    runStepDetector(
      lengthHackingDetector,
      options,
      quality.map((q, step) => stepView({ step, quality: q })),
    ).alerts;

  it("measures growth as slope x (window - 1) over the fitted start: 100 -> 140 is 40%", () => {
    const [alert] = run(
      [100, 110, 120, 130, 140].map((meanLength) => ({ meanLength, lengthRewardCorrelation: 0.8 })),
    );
    expect(alert).toMatchObject({ step: 4, threshold: 0.3, window: 5, severity: "medium" });
    expect(alert?.value).toBeCloseTo(0.4, 12);
    expect(alert?.evidence?.slopePerStep).toBeCloseTo(10, 12);
  });

  it("needs both: fast growth without correlation, or correlation without growth, is silent", () => {
    const lengths = [100, 110, 120, 130, 140];
    expect(run(lengths.map((meanLength) => ({ meanLength, lengthRewardCorrelation: 0.4 })))).toEqual([]);
    expect(
      run([100, 105, 110, 115, 120].map((meanLength) => ({ meanLength, lengthRewardCorrelation: 0.9 }))),
    ).toEqual([]);
  });

  it("is high when the growth is twice the threshold (100 -> 160)", () => {
    const [alert] = run(
      [100, 115, 130, 145, 160].map((meanLength) => ({ meanLength, lengthRewardCorrelation: 0.8 })),
    );
    expect(alert?.severity).toBe("high");
  });

  it("follows one function's correlation with the lengths, which the total reward dilutes", () => {
    const views = [100, 110, 120, 130, 140].map((meanLength, step) => {
      const lengths = Array.from({ length: 16 }, (_, i) => meanLength - 40 + 5 * i);
      // 'judge' pays for length; 'accuracy' is unrelated to it; their total barely follows length.
      const view = stepView({
        step,
        quality: { meanLength, lengthRewardCorrelation: 0.1 },
        rewards: {
          judge: { values: lengths.map((l) => l / 1000) },
          accuracy: { values: lengths.map((_, i) => (i % 2) * 2) },
        },
      });
      view.batch.lengths = lengths;
      return view;
    });
    const alerts = runStepDetector(lengthHackingDetector, options, views).alerts;
    expect(alerts.map((a) => a.step)).toEqual([4]);
    expect(alerts[0]?.evidence?.correlation).toBe(1);
  });
});
