import { Monitor, simulateRun } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, selectCompletions } from "./retention.js";

/** The first analysed step of a simulated run with `n` completions a step. */
function stepOf(n: number) {
  const monitor = new Monitor({ run: { name: "r", rewardFunctions: [], worldSize: 1 } });
  for (const event of simulateRun({ steps: 3, promptsPerStep: n / 4, groupSize: 4, seed: 5, runName: "r" })) {
    const [step] = monitor.ingestSteps(event);
    if (step) return step;
  }
  throw new Error("no step analysed");
}

describe("selectCompletions", () => {
  it("keeps every completion of a step no larger than completionsPerStep", () => {
    const kept = selectCompletions(stepOf(16), DEFAULT_RETENTION);
    expect(kept.map((c) => c.index)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it("keeps an evenly spaced sample, the best, the worst and the flagged of a larger step", () => {
    const step = stepOf(256);
    const kept = selectCompletions(step, { completionsPerStep: 32, extremes: 4 });
    const indexes = new Set(kept.map((c) => c.index));
    for (let k = 0; k < 32; k++) expect(indexes.has(k * 8)).toBe(true);
    for (const flagged of step.report.flagged) expect(indexes.has(flagged.index)).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(32 + 8 + step.report.flagged.length);
    const totals = kept.map((c) => c.total ?? Number.NaN);
    expect(Math.max(...totals)).toBe(Math.max(...step.batch.rewards.accuracy!.map((_, i) => sum(step, i))));
  });
});

function sum(step: ReturnType<typeof stepOf>, i: number): number {
  return Object.values(step.batch.rewards).reduce((total, values) => total + (values[i] ?? 0), 0);
}
