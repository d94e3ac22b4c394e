/**
 * The event format: the one contract every way into rewardscope speaks (HTTP, files, the Python
 * client, importers). See ARCHITECTURE.md, "The event format".
 */

/** Declares a run. Optional in a file: a run without one is named after the file. */
export interface RunEvent {
  type: "run";
  name: string;
  project?: string;
  rewardFunctions?: string[];
  /** How many ranks (processes) send rewards for each step. Default 1. */
  worldSize?: number;
  config?: Record<string, unknown>;
}

/**
 * The rewards of one batch of completions. All arrays have the same length n.
 * `groups` ids are local to the batch: group 0 of rank 0 and group 0 of rank 1 are different prompts.
 */
export interface RewardsEvent {
  type: "rewards";
  step: number;
  rank?: number;
  /** Idempotency key: a retried batch with the same id counts once. */
  batchId?: string;
  /** One array per reward function; null = not applicable to that completion. */
  rewards: Record<string, (number | null)[]>;
  completions?: string[];
  prompts?: string[];
  groups?: number[];
  /** Completion lengths in tokens. */
  lengths?: number[];
  /** The completion hit the generation length limit. */
  truncated?: boolean[];
  advantages?: number[];
}

/** Training metrics of one step: loss, kl, entropy, grad_norm, learning_rate, memory_mb, step_time... */
export interface MetricsEvent {
  type: "metrics";
  step: number;
  rank?: number;
  batchId?: string;
  values: Record<string, number>;
}

/** Call statistics of one reward function over one step. */
export interface CallsEvent {
  type: "calls";
  step: number;
  rank?: number;
  batchId?: string;
  fn: string;
  calls: number;
  errors: number;
  totalMs: number;
  maxMs?: number;
  /** Results that were null (not applicable, or an error turned into nulls). */
  nulls?: number;
}

/**
 * Per-step aggregates of one reward function, for logs that kept no per-completion values (TRL's
 * trainer_state.json, TensorBoard, verl's metrics). The Monitor turns it into the same per-function statistics
 * a rewards event gives where it can; detectors that need completions do not run on such a step.
 */
export interface RewardStatsEvent {
  type: "reward_stats";
  step: number;
  rank?: number;
  batchId?: string;
  fn: string;
  /** Mean of the function's values over the step's completions. */
  mean: number;
  std?: number;
  min?: number;
  max?: number;
  /** How many values the aggregate summarises, when known. */
  count?: number;
}

/** A rank says it has sent everything for this step. */
export interface StepEndEvent {
  type: "step_end";
  step: number;
  rank?: number;
}

export type RewardscopeEvent =
  | RunEvent
  | RewardsEvent
  | RewardStatsEvent
  | MetricsEvent
  | CallsEvent
  | StepEndEvent;
export type StepEvent = RewardsEvent | RewardStatsEvent | MetricsEvent | CallsEvent | StepEndEvent;

/** One reward function's aggregates at one step, merged over ranks (fields as in RewardStatsEvent). */
export interface RewardAggregate {
  mean: number;
  std?: number;
  min?: number;
  max?: number;
  count?: number;
}

/** Call statistics of one reward function, summed over every batch and rank of a step. */
export interface CallStats {
  calls: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  nulls: number;
}

/**
 * Everything that arrived for one step, from every batch and rank, ready for analysis.
 * Arrays are aligned: index i of every array is completion i. Group ids are unique within the step.
 * An optional array that some batches lacked holds null at their completions.
 */
export interface StepBatch {
  step: number;
  rewards: Record<string, (number | null)[]>;
  completions?: (string | null)[];
  prompts?: (string | null)[];
  groups?: (number | null)[];
  lengths?: (number | null)[];
  truncated?: (boolean | null)[];
  advantages?: (number | null)[];
  metrics: Record<string, number>;
  calls: Record<string, CallStats>;
  /** Functions known only by their aggregates this step (reward_stats events); absent when there are none. */
  rewardStats?: Record<string, RewardAggregate>;
}
