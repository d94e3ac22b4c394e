import type { RewardAggregate } from "../events/types.js";
import type { RewardStats, Summary } from "../monitor/report.js";
import { updateEma } from "./ema.js";
import {
  REWARD_TRACKER_DEFAULTS,
  type RewardTrackerState,
  type RewardUpdateOptions,
  runQuantiles,
} from "./reward-tracker.js";
import { windowValues } from "./rolling-window.js";
import { summarize } from "./summary.js";

/**
 * Takes one step's aggregates of a reward function (mutates the tracker) and returns the statistics they allow:
 * the batch summary holds the mean, and the std, min, max and count when given; quantiles and the fractions of
 * zero, negative and positive values are derived only where the bounds decide them (all values equal, or all on
 * one side of 0), else NaN. The EMAs follow the mean; the window and run figures keep only values from rewards
 * events. An unknown count is taken as 2 when a spread is given (a spread needs two values), else 1.
 *
 * A log that gives only the mean (TRL's older `rewards/<fn>`) cannot show a constant function directly: a mean
 * that repeats the previous step's to the last bit while sitting at the extreme of every mean seen is read as
 * all values equal (std 0, min = max = mean). That is how a function stuck at 0 shows in such logs, and a mean
 * of varied values does not repeat exactly at its extreme by chance for long.
 * @example
 * const state = createRewardTracker();
 * updateRewardTrackerFromAggregate(state, { mean: 0.5, std: 0.1 }).batch.mean; // 0.5
 */
export function updateRewardTrackerFromAggregate(
  state: RewardTrackerState,
  aggregate: RewardAggregate,
  options: Partial<RewardUpdateOptions> = {},
): RewardStats {
  const { bins, emaShortAlpha, emaLongAlpha } = { ...REWARD_TRACKER_DEFAULTS, ...options };
  const mean = aggregate.mean;
  const seen = state.aggregateMeans;
  const spreadUnknown =
    aggregate.std === undefined && aggregate.min === undefined && aggregate.max === undefined;
  const repeatsAtExtreme =
    seen !== undefined && seen.last === mean && (mean === seen.min || mean === seen.max);
  const batch = aggregateSummary(spreadUnknown && repeatsAtExtreme ? { ...aggregate, std: 0 } : aggregate);
  state.aggregateMeans = {
    last: mean,
    min: seen === undefined ? mean : Math.min(seen.min, mean),
    max: seen === undefined ? mean : Math.max(seen.max, mean),
  };
  state.emaShort = updateEma(state.emaShort, mean, emaShortAlpha);
  state.emaLong = updateEma(state.emaLong, mean, emaLongAlpha);
  state.steps++;
  return {
    batch,
    window: summarize(windowValues(state.window), bins).summary,
    emaShort: state.emaShort,
    emaLong: state.emaLong,
    nullCount: 0,
    nanCount: 0,
    histogram: { min: batch.min, max: batch.max, counts: [] },
    run: runQuantiles(state.sketch),
    source: "aggregate",
  };
}

/** The Summary an aggregate allows; a std of 0 or min = max means every value equals the mean. */
export function aggregateSummary(aggregate: RewardAggregate): Summary {
  const { mean } = aggregate;
  const constant = aggregate.std === 0 || (aggregate.min !== undefined && aggregate.min === aggregate.max);
  const std = constant ? 0 : (aggregate.std ?? Number.NaN);
  const min = constant ? mean : (aggregate.min ?? Number.NaN);
  const max = constant ? mean : (aggregate.max ?? Number.NaN);
  const count = aggregate.count ?? (aggregate.std !== undefined || min < max ? 2 : 1);
  const quantile = constant ? mean : Number.NaN;
  return {
    count,
    mean,
    std,
    min,
    max,
    median: quantile,
    p25: quantile,
    p75: quantile,
    p90: quantile,
    p99: quantile,
    zeroFrac: constant ? Number(mean === 0) : min > 0 || max < 0 ? 0 : Number.NaN,
    negativeFrac: max < 0 ? 1 : min >= 0 ? 0 : Number.NaN,
    positiveFrac: min > 0 ? 1 : max <= 0 ? 0 : Number.NaN,
    snr: std > 0 ? mean / std : Number.NaN,
    entropy: constant ? 0 : Number.NaN,
  };
}
