import { analyzeCompletions } from "../completions/analyze-completions.js";
import type { MonitorConfig } from "../config/types.js";
import type { CallStats, StepBatch } from "../events/types.js";
import { groupStats } from "../groups/group-stats.js";
import { aggregateStats } from "../stats/aggregate.js";
import { updateRewardTrackerFromAggregate } from "../stats/aggregate-tracker.js";
import {
  createRewardTracker,
  type RewardTrackerState,
  updateRewardTracker,
} from "../stats/reward-tracker.js";
import { aggregateTotal, groupsFromMetrics, qualityFromMetrics } from "./aggregate-step.js";
import type { CallSummary, RewardStats, StepReport } from "./report.js";

/**
 * Computes every statistic of one step (all but the alerts): per-function statistics (updating each function's
 * tracker in `trackers`), the aggregate over functions, GRPO groups, generation quality and call summaries.
 * Returns the finite values of each function too, for the detectors.
 */
export function computeStepStatistics(
  batch: StepBatch,
  trackers: Record<string, RewardTrackerState>,
  config: MonitorConfig,
): { report: Omit<StepReport, "alerts">; values: Record<string, number[]> } {
  const rewards: Record<string, RewardStats> = {};
  const values: Record<string, number[]> = {};
  const trackerOptions = {
    bins: config.histogramBins,
    emaShortAlpha: config.emaShortAlpha,
    emaLongAlpha: config.emaLongAlpha,
  };
  let count = 0;
  for (const [fn, raw] of Object.entries(batch.rewards)) {
    count = Math.max(count, raw.length);
    let tracker = trackers[fn];
    if (!tracker) {
      tracker = createRewardTracker({ window: config.window });
      trackers[fn] = tracker;
    }
    const updated = updateRewardTracker(tracker, raw, trackerOptions);
    rewards[fn] = updated.stats;
    values[fn] = Array.from(updated.values);
  }
  // Functions known only by aggregates this step; where a function has values too, the values win.
  const fromAggregates: RewardStats[] = [];
  for (const [fn, stats] of Object.entries(batch.rewardStats ?? {})) {
    if (fn in rewards) continue;
    let tracker = trackers[fn];
    if (!tracker) {
      tracker = createRewardTracker({ window: config.window });
      trackers[fn] = tracker;
    }
    rewards[fn] = updateRewardTrackerFromAggregate(tracker, stats, trackerOptions);
    values[fn] = [];
    fromAggregates.push(rewards[fn]);
    count = Math.max(count, stats.count ?? 0);
  }
  const { aggregate, totals } = aggregateStats(batch.rewards, rewards, config.histogramBins);
  if (aggregate.total.count === 0 && fromAggregates.length > 0)
    aggregate.total = aggregateTotal(fromAggregates);
  const groups = batch.groups
    ? groupStats({ groups: batch.groups, totals, rewards: batch.rewards, advantages: batch.advantages })
    : groupsFromMetrics(batch.metrics);
  let quality: StepReport["quality"] = null;
  let flagged: StepReport["flagged"] = [];
  if (batch.completions && batch.completions.length > 0) {
    const analysis = analyzeCompletions(
      { completions: batch.completions, lengths: batch.lengths, truncated: batch.truncated, totals },
      config.completions,
    );
    quality = analysis.quality;
    flagged = analysis.flagged;
  } else {
    quality = qualityFromMetrics(batch.metrics);
  }
  const calls: Record<string, CallSummary> = {};
  for (const [fn, stats] of Object.entries(batch.calls)) calls[fn] = summariseCalls(stats);
  return {
    report: {
      step: batch.step,
      count,
      rewards,
      aggregate,
      groups,
      quality,
      metrics: batch.metrics,
      calls,
      flagged,
    },
    values,
  };
}

function summariseCalls(stats: CallStats): CallSummary {
  return {
    ...stats,
    errorRate: stats.calls > 0 ? stats.errors / stats.calls : 0,
    avgMs: stats.calls > 0 ? stats.totalMs / stats.calls : 0,
  };
}
