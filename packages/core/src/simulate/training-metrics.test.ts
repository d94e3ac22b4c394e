import { describe, expect, it } from "vitest";
import { resolveSimulation } from "./options.js";
import { mixSeed, Random } from "./random.js";
import { learningRate, trainingMetrics } from "./training-metrics.js";

describe("learningRate", () => {
  it("warms up linearly over 5% of the steps, then decays by a cosine to 10% of the peak", () => {
    expect(learningRate(0, 1000)).toBeCloseTo(5e-6 / 50, 12);
    expect(learningRate(24, 1000)).toBeCloseTo(2.5e-6, 12);
    expect(learningRate(50, 1000)).toBeCloseTo(5e-6, 12);
    // Half-way through the decay: 0.1 + 0.45 * (1 + cos(pi / 2)) = 0.55 of the peak.
    expect(learningRate(525, 1000)).toBeCloseTo(0.55 * 5e-6, 12);
    expect(learningRate(1000, 1000)).toBeCloseTo(0.5e-6, 12);
  });
});

describe("trainingMetrics", () => {
  const sim = resolveSimulation({ steps: 1000 });
  const series = Array.from({ length: 1000 }, (_, step) =>
    trainingMetrics(sim, step, new Random(mixSeed(1, step, 1)), 200),
  );
  const avg = (name: string, from: number, to: number) =>
    series.slice(from, to).reduce((s, m) => s + (m[name] ?? 0), 0) / (to - from);

  it("logs every metric a GRPO trainer logs", () => {
    expect(Object.keys(series[0] ?? {}).sort()).toEqual(
      ["entropy", "grad_norm", "kl", "learning_rate", "loss", "memory_mb", "step_time"].sort(),
    );
    expect(series[0]?.kl).toBe(0);
  });

  it("has a slowly rising kl, a slowly falling entropy and a flat memory", () => {
    expect(avg("kl", 0, 50)).toBeLessThan(0.005);
    expect(avg("kl", 900, 1000)).toBeGreaterThan(0.04);
    expect(avg("kl", 900, 1000)).toBeLessThan(0.06);
    expect(avg("entropy", 0, 20)).toBeCloseTo(1.19, 1);
    expect(avg("entropy", 950, 1000)).toBeCloseTo(0.82, 1);
    expect(Math.abs(avg("memory_mb", 0, 500) - avg("memory_mb", 500, 1000))).toBeLessThan(30);
    expect(avg("step_time", 0, 1000)).toBeCloseTo(6 + 0.06 * 200, 0);
  });
});
