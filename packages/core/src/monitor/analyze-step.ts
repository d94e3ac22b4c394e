import { analyzeCompletions } from "../completions/analyze-completions.js";
import type { MonitorConfig } from "../config/types.js";
import type { CallStats, StepBatch } from "../events/types.js";
import { groupStats } from "../groups/group-stats.js";
import { aggregateStats } from "../stats/aggregate.js";
import {
  createRewardTracker,
  type RewardTrackerState,
  updateRewardTracker,
} from "../stats/reward-tracker.js";
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
  const { aggregate, totals } = aggregateStats(batch.rewards, rewards, config.histogramBins);
  const groups = batch.groups
    ? groupStats({ groups: batch.groups, totals, rewards: batch.rewards, advantages: batch.advantages })
    : null;
  let quality: StepReport["quality"] = null;
  let flagged: StepReport["flagged"] = [];
  if (batch.completions && batch.completions.length > 0) {
    const analysis = analyzeCompletions(
      { completions: batch.completions, lengths: batch.lengths, truncated: batch.truncated, totals },
      config.completions,
    );
    quality = analysis.quality;
    flagged = analysis.flagged;
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
