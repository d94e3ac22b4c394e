import type { StepReport, Summary } from "@rewardscope/core";
import type { MetricFamily, Sample } from "./prometheus-text.js";

const gauge = (name: string, help: string): MetricFamily => ({
  name: `rewardscope_${name}`,
  help,
  type: "gauge",
});
const counter = (name: string, help: string): MetricFamily => ({
  name: `rewardscope_${name}`,
  help,
  type: "counter",
});

/** The gauges, each read from a run's latest step report, in the order they are rendered. */
export const GAUGES = {
  step: gauge("step", "The last analysed step of the run."),
  rewardMean: gauge("reward_mean", "Mean of the reward function over the last step's completions."),
  rewardStd: gauge(
    "reward_std",
    "Standard deviation of the reward function over the last step's completions.",
  ),
  rewardMin: gauge("reward_min", "Minimum of the reward function over the last step's completions."),
  rewardMax: gauge("reward_max", "Maximum of the reward function over the last step's completions."),
  rewardP90: gauge("reward_p90", "90th percentile of the reward function over the last step's completions."),
  emaShort: gauge("reward_ema_short", "Short EMA (alpha 0.1) of the reward function's step means."),
  emaLong: gauge("reward_ema_long", "Long EMA (alpha 0.01) of the reward function's step means."),
  totalMean: gauge("total_reward_mean", "Mean total reward (sum over reward functions) of the last step."),
  zeroStd: gauge(
    "zero_std_group_fraction",
    "Fraction of GRPO groups of the last step whose rewards are all equal.",
  ),
  quality: gauge("quality", "Generation quality of the last step's completions, by metric."),
  metric: gauge("metric", "Training metric of the last step, as the trainer sent it."),
} as const;

/** The counters, summed over the run since the server started. */
export const COUNTERS = {
  calls: counter("reward_fn_calls_total", "Calls of the reward function."),
  errors: counter("reward_fn_errors_total", "Calls of the reward function that failed."),
  alerts: counter("alerts_total", "Alerts raised, by type and severity."),
} as const;

export type GaugeKey = keyof typeof GAUGES;

const BATCH_FIELDS: [GaugeKey, keyof Summary][] = [
  ["rewardMean", "mean"],
  ["rewardStd", "std"],
  ["rewardMin", "min"],
  ["rewardMax", "max"],
  ["rewardP90", "p90"],
];

/**
 * The gauge samples of one step report, by family. Non-finite values are kept: NaN says "no data this step".
 * @example
 * gaugesOf("qwen-1", report).get("step"); // [{ labels: { run: "qwen-1" }, value: 40 }]
 */
export function gaugesOf(run: string, report: StepReport): Map<GaugeKey, Sample[]> {
  const out = new Map<GaugeKey, Sample[]>();
  const add = (key: GaugeKey, labels: Record<string, string>, value: number) => {
    const samples = out.get(key) ?? [];
    samples.push({ labels: { run, ...labels }, value });
    out.set(key, samples);
  };
  add("step", {}, report.step);
  for (const [fn, stats] of Object.entries(report.rewards)) {
    for (const [key, field] of BATCH_FIELDS) add(key, { fn }, stats.batch[field]);
    add("emaShort", { fn }, stats.emaShort);
    add("emaLong", { fn }, stats.emaLong);
  }
  add("totalMean", {}, report.aggregate.total.mean);
  if (report.groups) add("zeroStd", {}, report.groups.zeroStdFraction);
  for (const [metric, value] of Object.entries(report.quality ?? {}))
    if (value !== null) add("quality", { metric }, value);
  for (const [name, value] of Object.entries(report.metrics)) add("metric", { name }, value);
  return out;
}
