import { describe, expect, it } from "vitest";
import type { Alert, RunRecord, StepReport } from "../api/types.js";
import { advanceRun } from "./advance-run.js";

const record: RunRecord = {
  name: "r",
  project: null,
  rewardFunctions: ["a"],
  worldSize: 1,
  config: {},
  status: "running",
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  lastStep: 4,
  stepCount: 5,
  alertCounts: { high: 1 },
};

function report(step: number, alerts: Partial<Alert>[]): StepReport {
  return { step, alerts } as unknown as StepReport;
}

describe("advanceRun", () => {
  it("moves the last step, the step count and the alert counts on", () => {
    const next = advanceRun(record, report(5, [{ severity: "high" }, { severity: "low" }]));
    expect(next).toMatchObject({ lastStep: 5, stepCount: 6, alertCounts: { high: 2, low: 1 } });
    expect(record.alertCounts).toEqual({ high: 1 });
  });

  it("leaves the record alone for a step analysed again", () => {
    expect(advanceRun(record, report(4, [{ severity: "low" }]))).toBe(record);
  });

  it("takes the first step of a run without steps", () => {
    expect(advanceRun({ ...record, lastStep: null, stepCount: 0 }, report(0, []))).toMatchObject({
      lastStep: 0,
      stepCount: 1,
    });
  });
});
