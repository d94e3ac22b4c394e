import { describe, expect, it } from "vitest";
import { formatRunSummary } from "./run-summary.js";
import { createStyle } from "./style.js";

describe("formatRunSummary", () => {
  it("counts alerts by severity and type", () => {
    const text = formatRunSummary(
      {
        run: "qwen",
        steps: 300,
        skipped: 1,
        lateEvents: 2,
        alertCounts: {
          bySeverity: { high: 2, low: 1 },
          byType: { kl_spike: 1, variance_collapse: 2 },
        },
      },
      createStyle(false),
    );
    expect(text).toBe(
      "run qwen: 300 steps, 3 alerts, 1 line skipped, 2 late events dropped\n" +
        "  by severity  high 2 · low 1\n" +
        "  by type      variance_collapse 2 · kl_spike 1\n",
    );
  });

  it("is one line for a clean run", () => {
    const counts = { bySeverity: {}, byType: {} };
    expect(
      formatRunSummary(
        { run: "r", steps: 1, skipped: 0, lateEvents: 0, alertCounts: counts },
        createStyle(false),
      ),
    ).toBe("run r: 1 step, 0 alerts, 0 lines skipped\n");
  });
});
