import { describe, expect, it } from "vitest";
import { evaluateRules } from "./threshold-rules.js";

describe("evaluateRules", () => {
  it("fires when a series is above its limit", () => {
    const [draft] = evaluateRules([{ series: "memory_mb", above: 8000, severity: "high" }], [], {
      memory_mb: 8100,
    });
    expect(draft).toMatchObject({
      type: "threshold",
      severity: "high",
      metric: "memory_mb",
      value: 8100,
      threshold: 8000,
    });
  });

  it("waits forSteps consecutive steps and resets when the condition breaks", () => {
    const rules = [{ series: "acc.batch.mean", below: 0.1, severity: "medium" as const, forSteps: 3 }];
    const state: number[] = [];
    const fired = [0.05, 0.05, 0.5, 0.05, 0.05, 0.05].map(
      (v) => evaluateRules(rules, state, { "acc.batch.mean": v }).length,
    );
    expect(fired).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it("ignores a step where the series is absent", () => {
    expect(evaluateRules([{ series: "kl", above: 1, severity: "low" }], [], { loss: 3 })).toEqual([]);
  });
});
