// The public API of @rewardscope/core. Every export here is on purpose; index.test.ts pins the list.

export { type AlertPolicyState, applyAlertPolicy, createAlertPolicyState } from "./alerts/alert-policy.js";
export { evaluateRules } from "./alerts/threshold-rules.js";
export {
  ALERT_TYPES,
  type Alert,
  type AlertType,
  SEVERITIES,
  type Severity,
  severityRank,
} from "./alerts/types.js";
export { analyzeCompletions, type CompletionAnalysis } from "./completions/analyze-completions.js";
export { DEFAULT_COMPLETION_CONFIG } from "./completions/defaults.js";
export { DEFAULT_CONFIG } from "./config/defaults.js";
export { detectorOptions, resolveConfig } from "./config/resolve-config.js";
export type {
  AlertPolicyConfig,
  CompletionAnalysisConfig,
  FormatSchema,
  MonitorConfig,
  MonitorConfigInput,
  RewardFunctionConfig,
  TagPair,
  ThresholdRule,
} from "./config/types.js";
export type {
  AlertDraft,
  Detector,
  DetectorOptions,
  RewardDetector,
  RewardInput,
  StepDetector,
  StepView,
} from "./detectors/detector.js";
export { DETECTORS } from "./detectors/registry.js";
export { type ErrorCode, RewardscopeError } from "./errors.js";
export type {
  CallStats,
  CallsEvent,
  MetricsEvent,
  RewardAggregate,
  RewardStatsEvent,
  RewardscopeEvent,
  RewardsEvent,
  RunEvent,
  StepBatch,
  StepEndEvent,
  StepEvent,
} from "./events/types.js";
export { parseEvent, parseEventLine } from "./events/validate.js";
export { groupStats } from "./groups/group-stats.js";
export { foldNotRun } from "./monitor/aggregate-step.js";
export { type AnalysedStep, Monitor, type MonitorOptions } from "./monitor/monitor.js";
export type { MonitorState, RunInfo } from "./monitor/monitor-state.js";
export type {
  AdvantageSummary,
  AggregateStats,
  CallSummary,
  CompletionFlag,
  FlaggedCompletion,
  GroupStats,
  GroupSummary,
  Histogram,
  QualityMetrics,
  RewardStats,
  RunQuantiles,
  StepReport,
  Summary,
} from "./monitor/report.js";
export { seriesOf } from "./monitor/series.js";
export type { SimulationOptions } from "./simulate/options.js";
export { SCENARIOS, type ScenarioName } from "./simulate/scenarios.js";
export { simulateRun, simulateSteps } from "./simulate/simulate-run.js";
export { aggregateStats } from "./stats/aggregate.js";
export { updateEma } from "./stats/ema.js";
export { histogram, histogramEntropy } from "./stats/histogram.js";
export { type LinearTrend, linearTrend } from "./stats/linear-trend.js";
export { quantileSorted } from "./stats/quantile.js";
export {
  addAllToSketch,
  addToSketch,
  createSketch,
  mergeSketches,
  type SketchOptions,
  type SketchState,
  sketchQuantile,
} from "./stats/quantile-sketch.js";
export { spearman } from "./stats/rank-correlation.js";
export {
  createRewardTracker,
  type RewardTrackerState,
  updateRewardTracker,
} from "./stats/reward-tracker.js";
export { summarize } from "./stats/summary.js";
export type { RewardFunctionStats } from "./wrapper/call-recorder.js";
export { completionText, groupsFromPrompts } from "./wrapper/completion-text.js";
export {
  type GrpoMonitoring,
  type GrpoMonitoringOptions,
  setupGrpoMonitoring,
} from "./wrapper/grpo-monitoring.js";
export {
  type RewardFunction,
  type RewardFunctionArgs,
  type RewardValues,
  type WrapOptions,
  type WrappedRewardFunction,
  wrapRewardFunction,
  wrapRewardFunctions,
} from "./wrapper/wrap-reward-function.js";
