import type { Alert, StepReport } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { verdictOf } from "./verdict.js";

function alert(
  step: number,
  severity: Alert["severity"],
  rewardFn?: string,
  type: Alert["type"] = "flatline",
): Alert {
  return {
    step,
    type,
    severity,
    message: "m",
    value: 0,
    threshold: 0,
    action: "a",
    ...(rewardFn && { rewardFn }),
  };
}

const run = { lastStep: 999, stepCount: 1000 };

/** The parts of a step report a verdict reads: one function's batch summary, nulls and calls. */
function latest(fn: string, batch: { count: number; std: number }, nullCount = 0, errors = 0): StepReport {
  return {
    step: 999,
    rewards: { [fn]: { batch, nullCount } },
    calls: errors > 0 ? { [fn]: { calls: 10, errors, errorRate: errors / 10 } } : {},
  } as unknown as StepReport;
}

describe("verdictOf", () => {
  it("is healthy without alerts, and low alerts only give reasons", () => {
    expect(verdictOf("acc", [], null, run)).toEqual({ fn: "acc", verdict: "healthy", reasons: [] });
    const low = verdictOf("acc", [alert(990, "low", "acc", "trend_up")], null, run);
    expect(low.verdict).toBe("healthy");
    expect(low.reasons).toEqual(["trend_up: 1 alert, up to low, last at step 990 (recent)"]);
  });

  it("fails on a recent high alert, watches an old one or a recent medium one", () => {
    expect(verdictOf("acc", [alert(950, "critical", "acc")], null, run).verdict).toBe("failing");
    expect(verdictOf("acc", [alert(100, "high", "acc")], null, run).verdict).toBe("watch");
    expect(verdictOf("acc", [alert(980, "medium", "acc")], null, run).verdict).toBe("watch");
    expect(verdictOf("acc", [alert(100, "medium", "acc")], null, run).verdict).toBe("healthy");
  });

  it("counts only the function's own alerts; the run's verdict takes those naming none", () => {
    const alerts = [alert(990, "high", "fmt"), alert(995, "high", undefined, "stagnation")];
    expect(verdictOf("acc", alerts, null, run).verdict).toBe("healthy");
    expect(verdictOf("fmt", alerts, null, run).verdict).toBe("failing");
    expect(verdictOf(null, alerts, null, run)).toMatchObject({
      verdict: "failing",
      reasons: [expect.stringMatching(/^stagnation/)],
    });
  });

  it("reads the latest step: all null fails, a constant reward or errors are watched, many errors fail", () => {
    expect(verdictOf("acc", [], latest("acc", { count: 0, std: Number.NaN }, 8), run).verdict).toBe(
      "failing",
    );
    expect(verdictOf("acc", [], latest("acc", { count: 8, std: 0 }), run)).toMatchObject({
      verdict: "watch",
      reasons: [expect.stringMatching(/constant/)],
    });
    expect(verdictOf("acc", [], latest("acc", { count: 8, std: 1 }, 0, 1), run).verdict).toBe("watch");
    expect(verdictOf("acc", [], latest("acc", { count: 8, std: 1 }, 0, 6), run).verdict).toBe("failing");
  });
});
