import { describe, expect, it } from "vitest";
import { firstDetection, nearestRank, type RunOutcome, scoreDetection } from "./scorer.js";

const drop = (onset: number, alerts: RunOutcome["alerts"], target: string | null = null): RunOutcome => ({
  pathology: { kind: "drop", onset, target, fnSpecific: target !== null },
  steps: 500,
  alerts,
});

describe("scoreDetection", () => {
  it("computes recall, median and P90 delay from the first matching alert at or after the onset", () => {
    const runs: RunOutcome[] = [
      drop(100, [{ step: 103, type: "drop", severity: "high" }]),
      drop(100, [
        { step: 90, type: "drop", severity: "medium" },
        { step: 101, type: "spike", severity: "medium" },
        { step: 110, type: "drop", severity: "medium" },
      ]),
      drop(200, [{ step: 205, type: "drop", severity: "low" }]),
      drop(200, []),
    ];
    const score = scoreDetection(runs).pathologies.drop;
    // Delays 3, 10, 5 -> sorted 3, 5, 10: median (nearest rank) 5, P90 10. One run fired before its onset.
    expect(score).toEqual({ runs: 4, detected: 3, recall: 0.75, medianDelay: 5, p90Delay: 10, early: 1 });
  });

  it("counts false alarms per 1,000 healthy steps by type, medium-or-worse apart from low", () => {
    const healthy: RunOutcome[] = [
      {
        pathology: null,
        steps: 1500,
        alerts: [
          { step: 10, type: "outlier", severity: "low" },
          { step: 20, type: "drop", severity: "medium" },
          { step: 30, type: "drop", severity: "critical" },
        ],
      },
      { pathology: null, steps: 2500, alerts: [{ step: 5, type: "outlier", severity: "high" }] },
    ];
    const score = scoreDetection([...healthy, drop(10, [])]);
    expect(score.healthySteps).toBe(4000);
    expect(score.falseAlarms.drop).toEqual({ alarms: 2, low: 0, alarmsPer1k: 0.5, lowPer1k: 0 });
    expect(score.falseAlarms.outlier).toEqual({ alarms: 1, low: 1, alarmsPer1k: 0.25, lowPer1k: 0.25 });
    expect(score.pathologies.drop?.recall).toBe(0);
  });
});

describe("firstDetection", () => {
  it("requires the target function when the pathology acts on one and the alert names one", () => {
    const run = drop(
      50,
      [
        { step: 51, type: "drop", severity: "medium", rewardFn: "format" },
        { step: 52, type: "drop", severity: "medium", rewardFn: "accuracy" },
      ],
      "accuracy",
    );
    expect(firstDetection(run)?.step).toBe(52);
  });
});

describe("nearestRank", () => {
  it("returns the smallest value with at least q of the values at or below it", () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});
