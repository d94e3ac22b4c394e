import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_SCHEDULE, resolveReportSchedule, splitServerConfig } from "./report-config.js";

describe("the report schedule of serve --config", () => {
  it("defaults to a report at each run's end", () => {
    expect(resolveReportSchedule(undefined)).toEqual({ everySteps: null, onFinish: true });
    expect(DEFAULT_REPORT_SCHEDULE).toEqual({ everySteps: null, onFinish: true });
    expect(resolveReportSchedule({ everySteps: 500, onFinish: false })).toEqual({
      everySteps: 500,
      onFinish: false,
    });
  });

  it("names the bad field and the problem", () => {
    expect(() => resolveReportSchedule({ everySteps: "10" })).toThrow(
      'report.everySteps: must be an integer ≥ 1 (or null for never), got string "10"',
    );
    expect(() => resolveReportSchedule({ everySteps: 0 })).toThrow(/report\.everySteps/);
    expect(() => resolveReportSchedule({ everySteps: 2.5 })).toThrow(/report\.everySteps/);
    expect(() => resolveReportSchedule({ onFinish: "yes" })).toThrow(
      'report.onFinish: must be true or false, got string "yes"',
    );
    expect(() => resolveReportSchedule({ every: 10 })).toThrow(
      "report.every: unknown setting; known: everySteps, onFinish",
    );
    expect(() => resolveReportSchedule([1])).toThrow(/^report: must be a mapping/);
  });

  it("splits the server's report section from the Monitor's settings", () => {
    expect(splitServerConfig({ window: 500, report: { everySteps: 100 } } as never)).toEqual({
      monitor: { window: 500 },
      report: { everySteps: 100, onFinish: true },
    });
    expect(splitServerConfig(undefined)).toEqual({ monitor: undefined, report: DEFAULT_REPORT_SCHEDULE });
  });
});
