import type { Severity } from "../alerts/types.js";
import type { DetectorOptions } from "../detectors/detector.js";

/** One tag pair of a format, e.g. { open: "<think>", close: "</think>" }. */
export interface TagPair {
  name: string;
  open: string;
  close: string;
}

/**
 * A completion format: the sections it must hold, in order. `answer` names the section that holds
 * the final answer; `reasoning` the one that holds the reasoning.
 */
export interface FormatSchema {
  name: string;
  sections: TagPair[];
  reasoning?: string;
  answer?: string;
}

export interface CompletionAnalysisConfig {
  /** Accepted formats; a completion complies when it matches any of them. */
  formats: FormatSchema[];
  /** Analyse at most this many completions per step (a deterministic, evenly spaced sample). */
  maxAnalysed: number;
  /** n of the n-gram repetition measure (word n-grams). */
  repetitionN: number;
  /** A completion whose repeated n-gram fraction exceeds this is "repetitive". */
  repetitiveThreshold: number;
  /** Jaccard similarity (estimated by MinHash) above which two completions are near-duplicates. */
  nearDuplicateThreshold: number;
  /** Reasoning indicator phrases (case-insensitive, matched at word boundaries). */
  reasoningIndicators: string[];
  /** A section with fewer than this many word characters counts as trivial content. */
  minContentChars: number;
}

/** A user-defined rule on any series: a statistic ("accuracy.batch.mean", "quality.distinct2") or a metric ("memory_mb"). */
export interface ThresholdRule {
  /** The series name, as in the HTTP API's series names. */
  series: string;
  above?: number;
  below?: number;
  severity: Severity;
  /** Consecutive steps the condition must hold before the alert. Default 1. */
  forSteps?: number;
  message?: string;
  action?: string;
}

export interface AlertPolicyConfig {
  /** Alerts below this severity are dropped. */
  minSeverity: Severity;
  /** The same (type, function, metric) is not raised again within this many steps unless its severity rises. */
  dedupeSteps: number;
  /** At most this many alerts per `rateWindowSteps` steps; the rest are counted, not emitted. */
  maxPerWindow: number;
  rateWindowSteps: number;
}

/** Per reward function overrides. */
export interface RewardFunctionConfig {
  /** Known bounds of the reward, used by saturation (else the observed run min/max). */
  min?: number;
  max?: number;
  detectors?: Record<string, Partial<DetectorOptions> & Record<string, unknown>>;
}

export interface MonitorConfig {
  /** Rolling window of values per reward function. */
  window: number;
  emaShortAlpha: number;
  emaLongAlpha: number;
  histogramBins: number;
  completions: CompletionAnalysisConfig;
  /** Options per detector id; missing fields take the detector's defaults. */
  detectors: Record<string, Partial<DetectorOptions> & Record<string, unknown>>;
  rewardFunctions: Record<string, RewardFunctionConfig>;
  rules: ThresholdRule[];
  alerts: AlertPolicyConfig;
}

/** What a user writes: any subset of MonitorConfig. */
export type MonitorConfigInput = {
  [K in keyof MonitorConfig]?: MonitorConfig[K] extends unknown[]
    ? MonitorConfig[K]
    : MonitorConfig[K] extends object
      ? Partial<MonitorConfig[K]>
      : MonitorConfig[K];
};
