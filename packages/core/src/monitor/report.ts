import type { Alert } from "../alerts/types.js";
import type { CallStats } from "../events/types.js";

/** Distribution summary of a set of finite values. Every field is NaN when count is 0. */
export interface Summary {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  median: number;
  p25: number;
  p75: number;
  p90: number;
  p99: number;
  /** Fractions of values that are exactly 0, below 0, above 0. */
  zeroFrac: number;
  negativeFrac: number;
  positiveFrac: number;
  /** mean / std; NaN when std is 0. */
  snr: number;
  /** Shannon entropy (bits) of the values binned into the histogram's bins; 0 when all are equal. */
  entropy: number;
}

/** Equal-width bins over [min, max]; counts.length is the bin count. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Run-long figures from the mergeable quantile sketch (relative accuracy ~1%). */
export interface RunQuantiles {
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/** Statistics of one reward function at one step. */
export interface RewardStats {
  /** This step's finite values. */
  batch: Summary;
  /** The rolling window of the last `window` values (default 1,000), this step included. */
  window: Summary;
  /** EMA of the step means: short (alpha 0.1) and long (alpha 0.01). */
  emaShort: number;
  emaLong: number;
  /** Values of this step that were null (not applicable) or NaN/Infinity. */
  nullCount: number;
  nanCount: number;
  histogram: Histogram;
  run: RunQuantiles;
  /**
   * "aggregate" when this step knew the function only by its aggregates (a reward_stats event): the batch summary
   * holds what they give (mean, and std, min, max, count when logged), quantiles and fractions are NaN where
   * they cannot be derived, and the window and run figures cover only values seen in rewards events.
   */
  source?: "aggregate";
}

/** Across reward functions, at one step. */
export interface AggregateStats {
  /** Per-completion sum over functions (nulls skipped), summarised: the "total reward". */
  total: Summary;
  meanOfMeans: number;
  meanOfStds: number;
  sumOfMeans: number;
  minMean: number;
  maxMean: number;
}

export interface GroupSummary {
  id: number;
  size: number;
  mean: number;
  std: number;
}

/** GRPO groups (completions of the same prompt), computed on the total reward. */
export interface GroupStats {
  groups: number;
  meanSize: number;
  /** Fraction of groups whose rewards are all equal: no gradient (TRL's frac_reward_zero_std). */
  zeroStdFraction: number;
  meanGroupStd: number;
  minGroupStd: number;
  maxGroupStd: number;
  perGroup: GroupSummary[];
  /** Per reward function: fraction of groups with zero std in that function alone. */
  zeroStdFractionByFn: Record<string, number>;
  advantages?: AdvantageSummary;
}

export interface AdvantageSummary {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  zeroFrac: number;
}

/**
 * Generation quality of one step's completions. Flat, so every field is a series.
 * A field is null when it cannot be computed (no completions, no lengths...).
 */
export interface QualityMetrics {
  /** Completions analysed (all, or a deterministic sample when capped by config). */
  analysed: number;
  formatCompliance: number | null;
  tagBalance: number | null;
  meanTagCount: number | null;
  meanReasoningLength: number | null;
  meanAnswerLength: number | null;
  meanResponseLength: number | null;
  emptyRate: number | null;
  reasoningIndicatorRate: number | null;
  meanRepetition: number | null;
  maxRepetition: number | null;
  meanCompressionRatio: number | null;
  repetitiveRate: number | null;
  uniqueRatio: number | null;
  nearDuplicateRatio: number | null;
  distinct1: number | null;
  distinct2: number | null;
  typeTokenRatio: number | null;
  formatGamingRate: number | null;
  degenerateRate: number | null;
  /** Mean completion length in tokens (from `lengths`, else whitespace words). */
  meanLength: number | null;
  /** Spearman rank correlation of total reward with length. */
  lengthRewardCorrelation: number | null;
  truncatedRate: number | null;
}

/** Why a completion was flagged, for the completions explorer and the best/worst lists. */
export type CompletionFlag =
  | "format_violation"
  | "format_gaming"
  | "repetitive"
  | "degenerate"
  | "empty"
  | "truncated";

export interface FlaggedCompletion {
  index: number;
  flags: CompletionFlag[];
}

export interface CallSummary extends CallStats {
  errorRate: number;
  avgMs: number;
}

/** What the Monitor says about one step. */
export interface StepReport {
  step: number;
  /** Completions in the step. */
  count: number;
  rewards: Record<string, RewardStats>;
  aggregate: AggregateStats;
  groups: GroupStats | null;
  quality: QualityMetrics | null;
  metrics: Record<string, number>;
  calls: Record<string, CallSummary>;
  flagged: FlaggedCompletion[];
  alerts: Alert[];
  /**
   * Detectors that could not judge this step for lack of completions (set on steps known only by aggregates,
   * such as an imported trainer log), e.g. ["format_gaming", "repetition"]. Absent otherwise.
   */
  notRun?: string[];
}
