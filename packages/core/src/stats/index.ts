export { aggregateStats } from "./aggregate.js";
export { updateEma } from "./ema.js";
export { histogram, histogramEntropy } from "./histogram.js";
export { type LinearTrend, linearTrend } from "./linear-trend.js";
export { quantileSorted } from "./quantile.js";
export {
  addAllToSketch,
  addToSketch,
  createSketch,
  MIN_INDEXABLE,
  mergeSketches,
  type SketchOptions,
  type SketchState,
  type SketchStore,
  sketchQuantile,
} from "./quantile-sketch.js";
export { averageRanks, spearman } from "./rank-correlation.js";
export {
  createRewardTracker,
  REWARD_TRACKER_DEFAULTS,
  type RewardTrackerOptions,
  type RewardTrackerState,
  type RewardUpdateOptions,
  runQuantiles,
  updateRewardTracker,
} from "./reward-tracker.js";
export {
  createRollingWindow,
  pushValues,
  type RollingWindowState,
  windowSize,
  windowValues,
} from "./rolling-window.js";
export { selectRanks } from "./select.js";
export { emptySummary, summarize } from "./summary.js";
