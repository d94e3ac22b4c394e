import type { Alert, Severity } from "../alerts/types.js";
import type { StepBatch } from "../events/types.js";
import type { RewardStats, StepReport } from "../monitor/report.js";

/** Options every detector takes. Each detector documents its own further options and defaults. */
export interface DetectorOptions {
  enabled: boolean;
  /** Severity of the alerts it raises (some detectors escalate above it for strong evidence). */
  severity: Severity;
  /** Steps to wait at the start of a run (or of a function's data) before judging. */
  warmup: number;
}

/** An alert before the Monitor stamps the step on it. */
export type AlertDraft = Omit<Alert, "step">;

/** What a detector sees of one step: the raw batch and every statistic computed for it. */
export interface StepView {
  step: number;
  batch: StepBatch;
  report: Omit<StepReport, "alerts">;
  /** Finite reward values of this step, per function (nulls and NaN removed). */
  values: Record<string, number[]>;
}

/** The per-function input of a reward-scoped detector. */
export interface RewardInput {
  step: number;
  fn: string;
  values: number[];
  stats: RewardStats;
  view: StepView;
}

/**
 * A detector that runs once per reward function, with one state per function.
 * State must be plain JSON data (numbers, arrays, objects): the Monitor serialises it.
 * Methods (not arrow properties) so a registry can hold detectors of different option types.
 */
export interface RewardDetector<O extends DetectorOptions = DetectorOptions, S = unknown> {
  readonly id: string;
  readonly scope: "reward";
  /** One line for the README: what it watches. */
  readonly description: string;
  readonly defaults: O;
  init(options: O): S;
  check(input: RewardInput, state: S, options: O): AlertDraft[];
}

/** A detector that runs once per step, over the whole step (groups, quality, metrics, calls). */
export interface StepDetector<O extends DetectorOptions = DetectorOptions, S = unknown> {
  readonly id: string;
  readonly scope: "step";
  readonly description: string;
  readonly defaults: O;
  init(options: O): S;
  check(view: StepView, state: S, options: O): AlertDraft[];
}

export type Detector = RewardDetector | StepDetector;
