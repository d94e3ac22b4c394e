import type { StepBatch } from "../events/types.js";
import { aggregateSummary } from "../stats/aggregate-tracker.js";
import type { GroupStats, QualityMetrics, RewardStats, StepReport, Summary } from "./report.js";

/**
 * Training metrics that stand in for statistics rewardscope computes from completions, when a log has only
 * aggregates. The names are the trainers' own (TRL, verl), so an imported run keeps the series its user knows.
 */
export const AGGREGATE_METRICS = {
  /** Fraction of GRPO groups whose rewards are all equal (TRL). */
  zeroStdFraction: ["frac_reward_zero_std"],
  /** Fraction of completions cut at the length limit (TRL, verl). */
  truncatedRate: ["completions/clipped_ratio", "response_length/clip_ratio"],
  /** Mean completion length in tokens (TRL newer and older, verl). */
  meanLength: ["completions/mean_length", "completion_length", "response_length/mean"],
} as const;

/** Detectors that read the completions' text (or their per-completion lengths): they cannot judge aggregates. */
const COMPLETION_DETECTORS = [
  "format_gaming",
  "repetition",
  "diversity_collapse",
  "degenerate_outputs",
  "length_hacking",
];

function firstMetric(metrics: Record<string, number>, names: readonly string[]): number | null {
  for (const name of names) {
    const value = metrics[name];
    if (value !== undefined && Number.isFinite(value)) return value;
  }
  return null;
}

/**
 * The total reward of a step known only by aggregates: the mean of per-completion sums is the sum of the
 * functions' means; its spread is known only when there is one function.
 */
export function aggregateTotal(stats: RewardStats[]): Summary {
  const known = stats.filter((s) => s.batch.count > 0 && Number.isFinite(s.batch.mean));
  const only = known.length === 1 ? known[0] : undefined;
  if (only) return { ...only.batch };
  let mean = 0;
  let count = 0;
  for (const s of known) {
    mean += s.batch.mean;
    count = Math.max(count, s.batch.count);
  }
  return aggregateSummary({ mean, count });
}

/** GRPO group statistics from a logged zero-std fraction, when the step has no groups of its own. */
export function groupsFromMetrics(metrics: Record<string, number>): GroupStats | null {
  const fraction = firstMetric(metrics, AGGREGATE_METRICS.zeroStdFraction);
  if (fraction === null) return null;
  const nan = Number.NaN;
  return {
    groups: nan,
    meanSize: nan,
    zeroStdFraction: fraction,
    meanGroupStd: nan,
    minGroupStd: nan,
    maxGroupStd: nan,
    perGroup: [],
    zeroStdFractionByFn: {},
  };
}

/** Generation quality with nothing measured: `analysed` completions, every measure null. */
export function unmeasuredQuality(analysed: number): QualityMetrics {
  return {
    analysed,
    formatCompliance: null,
    tagBalance: null,
    meanTagCount: null,
    meanReasoningLength: null,
    meanAnswerLength: null,
    meanResponseLength: null,
    emptyRate: null,
    reasoningIndicatorRate: null,
    meanRepetition: null,
    maxRepetition: null,
    meanCompressionRatio: null,
    repetitiveRate: null,
    uniqueRatio: null,
    nearDuplicateRatio: null,
    distinct1: null,
    distinct2: null,
    typeTokenRatio: null,
    formatGamingRate: null,
    degenerateRate: null,
    meanLength: null,
    lengthRewardCorrelation: null,
    truncatedRate: null,
  };
}

/** Generation quality from logged length metrics, when the step has no completions to analyse. */
export function qualityFromMetrics(metrics: Record<string, number>): QualityMetrics | null {
  const truncatedRate = firstMetric(metrics, AGGREGATE_METRICS.truncatedRate);
  const meanLength = firstMetric(metrics, AGGREGATE_METRICS.meanLength);
  if (truncatedRate === null && meanLength === null) return null;
  return { ...unmeasuredQuality(0), meanLength, truncatedRate };
}

/**
 * The detectors (of those enabled) that cannot judge a step known only by aggregates: those reading completions,
 * zero_std_groups without a zero-std fraction, truncation without a truncated rate, high_negative_rate when a
 * function's share of negative values is unknown. Empty when the step has completions or no aggregates.
 */
export function detectorsNotRun(
  batch: StepBatch,
  report: { groups: GroupStats | null; quality: QualityMetrics | null; rewards: Record<string, RewardStats> },
  enabled: readonly string[],
): string[] {
  if (!batch.rewardStats || Object.keys(batch.rewardStats).length === 0) return [];
  if (batch.completions?.some((c) => c !== null)) return [];
  const notRun = [...COMPLETION_DETECTORS];
  if (report.groups === null) notRun.push("zero_std_groups");
  if (report.quality?.truncatedRate == null && !batch.truncated?.some((t) => t !== null))
    notRun.push("truncation");
  const aggregates = Object.values(report.rewards).filter((s) => s.source === "aggregate");
  if (aggregates.some((s) => !Number.isFinite(s.batch.negativeFrac))) notRun.push("high_negative_rate");
  return enabled.filter((id) => notRun.includes(id));
}

/**
 * Folds one more step into the detectors no step of the run could run for lack of completions: those every
 * step's `notRun` lists. A step with completions ran them, so they drop out; a step with no reward function at
 * all (an eval-only row) judged nothing and changes nothing. `undefined` until a step with rewards.
 * @example
 * let notRun: string[] | undefined;
 * for (const report of reports) notRun = foldNotRun(notRun, report);
 */
export function foldNotRun(
  previous: readonly string[] | undefined,
  report: Pick<StepReport, "rewards" | "notRun">,
): string[] | undefined {
  if (Object.keys(report.rewards).length === 0) return previous ? [...previous] : undefined;
  const here = report.notRun ?? [];
  return previous === undefined ? [...here] : previous.filter((id) => here.includes(id));
}
