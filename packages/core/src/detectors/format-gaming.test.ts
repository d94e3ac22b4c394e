import { describe, expect, it } from "vitest";
import type { StepView } from "./detector.js";
import { formatGamingDetector } from "./format-gaming.js";
import { describeStepDetector, runStepDetector } from "./lib/step-detector.case.js";
import { clamp, gaussian, seededRandom, stepView } from "./lib/step-view-fixture.case.js";

interface Step {
  format: number;
  accuracy: number;
  gaming?: number;
}

/** Views whose EMAs (alpha 0.1 and 0.01, as the Monitor's defaults) follow the given step means. */
function run(means: Step[], names = { format: "format_reward", accuracy: "accuracy_reward" }): StepView[] {
  const ema = { fs: 0, fl: 0, as: 0, al: 0 };
  return means.map((m, step) => {
    const first = step === 0;
    ema.fs = first ? m.format : ema.fs + 0.1 * (m.format - ema.fs);
    ema.fl = first ? m.format : ema.fl + 0.01 * (m.format - ema.fl);
    ema.as = first ? m.accuracy : ema.as + 0.1 * (m.accuracy - ema.as);
    ema.al = first ? m.accuracy : ema.al + 0.01 * (m.accuracy - ema.al);
    const run01 = { min: 0, max: 1, p90: 1 };
    return stepView({
      step,
      rewards: {
        [names.format]: { values: [m.format], emaShort: ema.fs, emaLong: ema.fl, run: run01 },
        [names.accuracy]: { values: [m.accuracy], emaShort: ema.as, emaLong: ema.al, run: run01 },
      },
      ...(m.gaming === undefined ? {} : { quality: { formatGamingRate: m.gaming } }),
    });
  });
}

const gamed = (step: number): Step => ({
  format: step < 100 ? 0.9 : 0.99,
  accuracy: step < 100 ? 0.5 : 0.25,
  gaming: 0.02,
});

describeStepDetector({
  detector: formatGamingDetector,
  type: "format_gaming",
  pathology: {
    views: () => run(Array.from({ length: 160 }, (_, step) => gamed(step))),
    firstAlertStep: 107,
    severity: "medium",
  },
  healthy: (seed) => {
    const random = seededRandom(seed);
    const means = Array.from({ length: 5000 }, (_, step) => ({
      format: clamp(0.95 - 0.6 * Math.exp(-step / 100) + 0.03 * gaussian(random), 0, 1),
      accuracy: clamp(0.6 - 0.4 * Math.exp(-step / 800) + 0.06 * gaussian(random), 0, 1),
      gaming: clamp(0.03 + 0.02 * gaussian(random), 0, 1),
    }));
    return run(means);
  },
  absent: (step) => stepView({ step, metrics: { loss: 1 } }),
  invalid: [
    { options: { rate: 2 }, field: "detectors.format_gaming.rate" },
    { options: { formatFunctions: ["(unclosed"] }, field: "detectors.format_gaming.formatFunctions[0]" },
    { options: { accuracyFunctions: [] }, field: "detectors.format_gaming.accuracyFunctions" },
  ],
});

describe("formatGamingDetector", () => {
  it("fires 2 steps after the accuracy short EMA first falls 20% under its long EMA", () => {
    const means = Array.from({ length: 160 }, (_, step) => gamed(step));
    let first = -1;
    let s = 0;
    let l = 0;
    means.forEach((m, step) => {
      s = step === 0 ? m.accuracy : s + 0.1 * (m.accuracy - s);
      l = step === 0 ? m.accuracy : l + 0.01 * (m.accuracy - l);
      if (first < 0 && (l - s) / l > 0.2) first = step;
    });
    const alerts = runStepDetector(formatGamingDetector, formatGamingDetector.defaults, run(means)).alerts;
    expect(alerts[0]?.step).toBe(first + 2);
    expect(alerts[0]).toMatchObject({ rewardFn: "format_reward", threshold: 0.2 });
    expect(alerts[0]?.evidence?.accuracyDrop).toBeGreaterThan(0.2);
    expect(alerts[0]?.message).toContain("'accuracy_reward' fell");
  });

  it("counts steps where the quality rate of gamed completions reaches 20%, high with the divergence too", () => {
    const options = { ...formatGamingDetector.defaults, warmup: 0 };
    const views = [0.2, 0.3, 0.25].map((formatGamingRate, step) =>
      stepView({ step, quality: { formatGamingRate } }),
    );
    const alerts = runStepDetector(formatGamingDetector, options, views).alerts;
    expect(alerts.map((a) => [a.step, a.metric, a.value, a.severity])).toEqual([
      [2, "quality.formatGamingRate", 0.25, "medium"],
    ]);
    const both = run(Array.from({ length: 160 }, (_, step) => ({ ...gamed(step), gaming: 0.3 })));
    const last = runStepDetector(formatGamingDetector, formatGamingDetector.defaults, both).alerts.at(-1);
    expect(last?.severity).toBe("high");
  });

  it("matches functions by name and ignores a falling function that is not an accuracy function", () => {
    const means = Array.from({ length: 160 }, (_, step) => gamed(step));
    const views = run(means, { format: "xml_tags", accuracy: "length_penalty" });
    expect(runStepDetector(formatGamingDetector, formatGamingDetector.defaults, views).alerts).toEqual([]);
    const custom = { ...formatGamingDetector.defaults, accuracyFunctions: ["penalty"] };
    expect(runStepDetector(formatGamingDetector, custom, views).alerts.length).toBeGreaterThan(0);
  });

  it("does not call the format high when its EMA is below 90% of its way to the p90", () => {
    const means = Array.from({ length: 160 }, (_, step) => ({ ...gamed(step), format: 0.85 }));
    expect(runStepDetector(formatGamingDetector, formatGamingDetector.defaults, run(means)).alerts).toEqual(
      [],
    );
  });
});
