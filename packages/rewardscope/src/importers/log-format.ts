import type { RewardscopeEvent } from "@rewardscope/core";

/** Every log format `import`, `analyze` and `watch` read. */
export const LOG_FORMATS = {
  events: "rewardscope events (JSONL or a JSON array)",
  "trl-trainer-state": "TRL trainer_state.json",
  "trl-completions": "TRL completions parquet",
  tfevents: "TensorBoard event file",
  "verl-metrics": "verl file logger JSONL",
  "completion-rows": "completions JSONL (verl rollout dump, samples)",
  "scalars-jsonl": "scalars JSONL with a step column",
  "scalars-csv": "scalars CSV with a step column",
} as const;

export type LogFormat = keyof typeof LOG_FORMATS;

/** What an importer made of one file. */
export interface ImportOutput {
  format: LogFormat;
  events: RewardscopeEvent[];
  /** Problems of the input, as `FILE:LINE: field: problem` (or `FILE: problem`); those rows were skipped. */
  problems: string[];
}
