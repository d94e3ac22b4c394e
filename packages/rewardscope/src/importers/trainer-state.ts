import { RewardscopeError } from "@rewardscope/core";
import { EventCollector } from "./event-collector.js";
import type { ImportOutput } from "./log-format.js";
import { scalarRowEvents } from "./scalar-row.js";

/** Keys of a log_history row that are not series: the row's own coordinates. */
const NOT_SERIES = new Set(["step"]);

/** Whether decoded JSON is a Hugging Face Trainer state (it has a `log_history` array). */
export function isTrainerState(json: unknown): json is { log_history: unknown[] } {
  return (
    typeof json === "object" &&
    json !== null &&
    Array.isArray((json as { log_history?: unknown }).log_history)
  );
}

/**
 * Events from a Hugging Face Trainer's `trainer_state.json` (TRL's GRPO, PPO, DPO... trainers): each
 * `log_history` row becomes reward_stats and metrics events at its `step` (see scalarRowEvents). Rows from
 * `fromRow` on only (a watcher that has read the earlier rows from an older checkpoint).
 * A row without a step or with a non-numeric value is reported by its index and the rest of it kept.
 * @throws RewardscopeError("invalid_argument") when the JSON is not a trainer state.
 * @example
 * const { events } = trainerStateEvents(JSON.parse(text), "checkpoint-500/trainer_state.json");
 */
export function trainerStateEvents(json: unknown, source: string, fromRow = 0): ImportOutput {
  if (!isTrainerState(json))
    throw new RewardscopeError(
      "invalid_argument",
      `${source}: log_history: is required (not a trainer_state.json)`,
    );
  const out = new EventCollector();
  const rows = json.log_history;
  for (let i = fromRow; i < rows.length; i++) {
    const where = `${source}: log_history[${i}]`;
    const row = rows[i];
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      out.problem(where, "must be an object");
      continue;
    }
    const step = (row as Record<string, unknown>).step;
    if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
      out.problem(where, `step: must be a non-negative integer, got ${JSON.stringify(step) ?? "nothing"}`);
      continue;
    }
    const values: Record<string, number> = {};
    for (const [key, value] of Object.entries(row)) {
      if (NOT_SERIES.has(key) || value === null) continue;
      if (typeof value === "number") values[key] = value;
      else if (typeof value !== "string" && typeof value !== "boolean")
        out.problem(where, `${key}: must be a number, got ${Array.isArray(value) ? "array" : typeof value}`);
    }
    scalarRowEvents(step, values, out, where);
  }
  return { format: "trl-trainer-state", events: out.events, problems: out.problems };
}
