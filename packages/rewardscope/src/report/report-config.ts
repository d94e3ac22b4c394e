import { type MonitorConfigInput, RewardscopeError } from "@rewardscope/core";

/** When the server writes a run's report by itself (the `report` section of `serve --config`). */
export interface ReportSchedule {
  /** Every this many steps (when step + 1 reaches a multiple of it); null: never during the run. */
  everySteps: number | null;
  /** When the run is finished (POST /api/v1/runs/:run/finish). */
  onFinish: boolean;
}

/** The server's defaults: a report at each run's end, none during it. */
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = { everySteps: null, onFinish: true };

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_config", message, field);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `string ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}

/**
 * Checks the `report` section of the server configuration and merges it over the defaults.
 * @throws RewardscopeError("invalid_config") naming the field: `report.everySteps: must be an integer ≥ 1, got string "10"`.
 * @example
 * resolveReportSchedule({ everySteps: 500 }); // { everySteps: 500, onFinish: true }
 */
export function resolveReportSchedule(input: unknown): ReportSchedule {
  if (input === undefined || input === null) return { ...DEFAULT_REPORT_SCHEDULE };
  if (typeof input !== "object" || Array.isArray(input))
    fail("report", `must be a mapping of everySteps and onFinish, got ${describe(input)}`);
  const section = input as Record<string, unknown>;
  for (const key of Object.keys(section))
    if (key !== "everySteps" && key !== "onFinish")
      fail(`report.${key}`, "unknown setting; known: everySteps, onFinish");
  const { everySteps, onFinish } = section;
  if (
    everySteps !== undefined &&
    everySteps !== null &&
    !(Number.isSafeInteger(everySteps) && (everySteps as number) >= 1)
  )
    fail("report.everySteps", `must be an integer ≥ 1 (or null for never), got ${describe(everySteps)}`);
  if (onFinish !== undefined && typeof onFinish !== "boolean")
    fail("report.onFinish", `must be true or false, got ${describe(onFinish)}`);
  return {
    everySteps: (everySteps as number | null | undefined) ?? DEFAULT_REPORT_SCHEDULE.everySteps,
    onFinish: (onFinish as boolean | undefined) ?? DEFAULT_REPORT_SCHEDULE.onFinish,
  };
}

/**
 * Splits a `serve --config` file into the Monitor configuration of every run and the server's report schedule
 * (its `report` section, which the Monitor does not know).
 * @example
 * splitServerConfig({ window: 500, report: { everySteps: 1000 } });
 * // { monitor: { window: 500 }, report: { everySteps: 1000, onFinish: true } }
 */
export function splitServerConfig(config: MonitorConfigInput | undefined): {
  monitor: MonitorConfigInput | undefined;
  report: ReportSchedule;
} {
  if (config === undefined) return { monitor: undefined, report: { ...DEFAULT_REPORT_SCHEDULE } };
  const { report, ...monitor } = config as MonitorConfigInput & { report?: unknown };
  return { monitor, report: resolveReportSchedule(report) };
}
