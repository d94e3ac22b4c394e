import type { StepBatch } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { NaiveMonitor } from "./naive-rules.js";

function step(step: number, values: number[], extra: Partial<StepBatch> = {}): StepBatch {
  return { step, rewards: { r: values }, metrics: {}, calls: {}, ...extra };
}

describe("NaiveMonitor", () => {
  it("raises a drop once when the short EMA falls under half the long EMA, after the warm-up", () => {
    const naive = new NaiveMonitor();
    const alerts = [];
    for (let s = 0; s < 60; s++) alerts.push(...naive.analyze(step(s, s < 40 ? [1, 1.2] : [0.1, 0.2])));
    const drops = alerts.filter((a) => a.type === "drop");
    expect(drops).toHaveLength(1);
    // After k low steps (from step 40): short 0.15 + 0.95 x 0.9^k, long ~1.1 - 0.95 x (1 - 0.99^k).
    // k = 9: 0.518 vs half of 1.018; k = 10: 0.481 < 0.504, so step 49.
    expect(drops[0]?.step).toBe(49);
  });

  it("raises collapse and flatline when a step's std falls under 0.01, and an error on any failed call", () => {
    const naive = new NaiveMonitor();
    const alerts = [];
    for (let s = 0; s < 30; s++)
      alerts.push(
        ...naive.analyze(
          step(s, s < 25 ? [0, 1] : [0.5, 0.5], {
            calls: { r: { calls: 2, errors: s === 27 ? 1 : 0, totalMs: 1, maxMs: 1, nulls: 0 } },
          }),
        ),
      );
    expect(alerts.map((a) => [a.step, a.type])).toEqual([
      [25, "variance_collapse"],
      [25, "flatline"],
      [27, "error_rate"],
    ]);
  });
});
