import { RewardscopeError, type RewardscopeEvent, SEVERITIES } from "@rewardscope/core";
import type { RunRecord, StepWrite } from "./store.js";

/** The declared fields of upsertRun. */
export type RunFields = Partial<Pick<RunRecord, "project" | "rewardFunctions" | "worldSize" | "config">>;

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_argument", message, field);
}

function isInteger(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

/** Checks the declared fields of a run; returns only the fields present. */
export function checkRunFields(fields: RunFields): RunFields {
  const out: RunFields = {};
  if (fields.project !== undefined) {
    if (fields.project !== null && typeof fields.project !== "string")
      fail("project", "must be a string or null");
    out.project = fields.project;
  }
  if (fields.rewardFunctions !== undefined) {
    if (!Array.isArray(fields.rewardFunctions)) fail("rewardFunctions", "must be an array of names");
    fields.rewardFunctions.forEach((fn: unknown, i) => {
      if (typeof fn !== "string" || fn === "") fail(`rewardFunctions[${i}]`, "must be a non-empty string");
    });
    out.rewardFunctions = [...fields.rewardFunctions];
  }
  if (fields.worldSize !== undefined) {
    if (!isInteger(fields.worldSize, 1))
      fail("worldSize", `must be an integer >= 1, got ${fields.worldSize}`);
    out.worldSize = fields.worldSize;
  }
  if (fields.config !== undefined) {
    if (typeof fields.config !== "object" || fields.config === null || Array.isArray(fields.config))
      fail("config", "must be an object");
    out.config = fields.config;
  }
  return out;
}

/** Checks a batch id (null: no idempotency) and the events of a batch. */
export function checkBatch(
  batchId: string | null,
  events: readonly RewardscopeEvent[],
  lines?: readonly string[],
): void {
  if (batchId !== null && (typeof batchId !== "string" || batchId.length < 1 || batchId.length > 256))
    fail("batchId", "must be null or a string of 1 to 256 characters");
  if (!Array.isArray(events)) fail("events", "must be an array");
  events.forEach((event, i) => {
    if (typeof event !== "object" || event === null || typeof event.type !== "string")
      fail(`events[${i}]`, "must be an event");
  });
  if (lines !== undefined && (!Array.isArray(lines) || lines.length !== events.length))
    fail("lines", `must hold one JSON text per event (${events.length})`);
}

/** Checks an event sequence number argument. */
export function checkSeq(seq: number, field: string): number {
  if (!isInteger(seq, 0)) fail(field, `must be an integer >= 0, got ${seq}`);
  return seq;
}

/**
 * Checks a StepWrite before anything is written: a bad write must not leave half a step. `lastSeq` is the last
 * sequence number the run has given (appliedSeq cannot be beyond it).
 */
export function checkStepWrite(write: StepWrite, lastSeq: number): void {
  if (typeof write !== "object" || write === null) fail("write", "must be an object");
  const { report } = write;
  if (typeof report !== "object" || report === null || !isInteger(report.step, 0))
    fail("report.step", "must be an integer >= 0");
  if (!isInteger(write.appliedSeq, 0) || write.appliedSeq > lastSeq)
    fail(
      "appliedSeq",
      `must be an integer in [0, ${lastSeq}] (the run's last event), got ${write.appliedSeq}`,
    );
  if (typeof write.state === "string") {
    if (!write.state.startsWith("{")) fail("state", "must be a Monitor state or its JSON text");
  } else if (typeof write.state !== "object" || write.state === null)
    fail("state", "must be a Monitor state or its JSON text");
  if (typeof write.rewards !== "object" || write.rewards === null) fail("rewards", "must be an object");
  if (!Array.isArray(report.alerts)) fail("report.alerts", "must be an array");
  report.alerts.forEach((alert, i) => {
    if (!SEVERITIES.includes(alert.severity)) fail(`report.alerts[${i}].severity`, "must be a severity");
    if (typeof alert.type !== "string") fail(`report.alerts[${i}].type`, "must be a string");
    if (alert.step !== report.step)
      fail(`report.alerts[${i}].step`, `must be the report's step ${report.step}`);
  });
  for (const [name, value] of Object.entries(write.series ?? fail("series", "must be an object")))
    if (typeof value !== "number" || !Number.isFinite(value))
      fail(`series.${name}`, "must be a finite number");
  if (!Array.isArray(write.completions)) fail("completions", "must be an array");
  const seen = new Set<number>();
  write.completions.forEach((c, i) => {
    if (c.step !== report.step) fail(`completions[${i}].step`, `must be the report's step ${report.step}`);
    if (!isInteger(c.index, 0) || seen.has(c.index))
      fail(`completions[${i}].index`, "must be a new integer >= 0");
    if (typeof c.completion !== "string") fail(`completions[${i}].completion`, "must be a string");
    if (!Array.isArray(c.flags)) fail(`completions[${i}].flags`, "must be an array");
    seen.add(c.index);
  });
}
