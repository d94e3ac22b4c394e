import { describe, expect, it } from "vitest";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { gaussian, seededRandom, steps, stepView } from "./lib/step-view-fixture.case.js";
import { memoryLeakDetector } from "./memory-leak.js";

describeStepDetector({
  detector: memoryLeakDetector,
  type: "memory_leak",
  pathology: {
    views: () => {
      const random = seededRandom(9);
      return steps(0, 400, (step) => {
        const leak = step < 200 ? 0 : 10 * (step - 200);
        return stepView({ step, metrics: { gpu_memory_mb: 8000 + leak + 20 * gaussian(random) } });
      });
    },
    firstAlertStep: 243,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    return steps(0, 5000, (step) => {
      const loading = step < 5 ? -4000 * (1 - step / 5) : 0;
      const allocation = step >= 1500 ? 150 : 0;
      const cache = 100 * ((step % 300) / 300);
      return stepView({
        step,
        metrics: { memory_mb: 8000 + loading + allocation + cache + 30 * gaussian(random) },
      });
    });
  },
  absent: (step) => stepView({ step, metrics: { kl: 0.1 } }),
  invalid: [
    { options: { window: 2 }, field: "detectors.memory_leak.window" },
    { options: { tStat: 0 }, field: "detectors.memory_leak.tStat" },
    { options: { growth: -0.1 }, field: "detectors.memory_leak.growth" },
  ],
});

describe("memoryLeakDetector", () => {
  const options = { ...memoryLeakDetector.defaults, warmup: 0, window: 10 };
  const run = (values: number[], o = options) =>
    runStepDetector(
      memoryLeakDetector,
      o,
      values.map((memory_mb, step) => stepView({ step, metrics: { memory_mb } })),
    ).alerts;

  it("fires once the window is full on an exact line: 100 + step grows 9 over 10 steps, 9% of 100", () => {
    const alerts = run(Array.from({ length: 10 }, (_, i) => 100 + i));
    expect(alerts.map((a) => a.step)).toEqual([9]);
    expect(alerts[0]).toMatchObject({ value: 0.09, threshold: 0.05, window: 10, severity: "medium" });
    // The slope's t statistic of an exact line is infinite, so it is left out of the evidence.
    expect(alerts[0]?.evidence).toEqual({ slopePerStep: 1, r2: 1, level: 100, growth: 0.09 });
  });

  it("needs both a steep enough growth and a significant slope", () => {
    expect(run(Array.from({ length: 10 }, (_, i) => 1000 + i))).toEqual([]);
    // A 12% rise over the window, but as a zigzag whose slope has t = 1.9.
    const zigzag = [100, 130, 100, 130, 100, 130, 100, 130, 112, 130];
    expect(run(zigzag)).toEqual([]);
  });

  it("is high when the growth is twice the threshold", () => {
    const [alert] = run(Array.from({ length: 10 }, (_, i) => 50 + i));
    expect(alert?.severity).toBe("high");
    expect(alert?.value).toBeCloseTo(9 / 50, 12);
  });

  it("keeps the warmup steps out of the fit", () => {
    const alerts = run(
      Array.from({ length: 20 }, (_, i) => 100 + i),
      { ...options, warmup: 5 },
    );
    expect(alerts[0]?.step).toBe(14);
    expect(alerts[0]?.evidence?.level).toBeCloseTo(105, 9);
  });

  it("fires where a naive least-squares reference first sees t > 8 and growth > 5%", () => {
    const random = seededRandom(9);
    const series = Array.from(
      { length: 400 },
      (_, step) => 8000 + (step < 200 ? 0 : 10 * (step - 200)) + 20 * gaussian(random),
    );
    let expected = -1;
    for (let end = 109; end < series.length && expected < 0; end++) {
      const ys = series.slice(end - 99, end + 1);
      const xm = 49.5;
      const ym = ys.reduce((a, b) => a + b, 0) / 100;
      let sxy = 0;
      let sxx = 0;
      ys.forEach((y, x) => {
        sxy += (x - xm) * (y - ym);
        sxx += (x - xm) ** 2;
      });
      const slope = sxy / sxx;
      const sse = ys.reduce((a, y, x) => a + (y - (ym + slope * (x - xm))) ** 2, 0);
      const t = slope / Math.sqrt(sse / 98 / sxx);
      if (t > 8 && (slope * 99) / (ym - slope * xm) > 0.05) expected = end;
    }
    const views = series.map((v, step) => stepView({ step, metrics: { memory_mb: v } }));
    const alerts = runStepDetector(memoryLeakDetector, memoryLeakDetector.defaults, views).alerts;
    expect(expected).toBe(243);
    expect(alerts[0]?.step).toBe(expected);
  });
});
