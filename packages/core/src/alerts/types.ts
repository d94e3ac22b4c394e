/** Alert severities, in increasing order. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Alert types: extend, never rename (ARCHITECTURE.md, "Alerts"). */
export const ALERT_TYPES = [
  "outlier",
  "drop",
  "spike",
  "flatline",
  "high_negative_rate",
  "saturation_high",
  "saturation_low",
  "variance_collapse",
  "trend_up",
  "trend_down",
  "zero_std_groups",
  "stagnation",
  "truncation",
  "error_rate",
  "slow_reward_fn",
  "format_gaming",
  "excessive_repetition",
  "diversity_collapse",
  "degenerate_outputs",
  "length_hacking",
  "entropy_collapse",
  "kl_spike",
  "memory_leak",
  "threshold",
  "missing_rank",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** The alert contract. `value` is compared with `threshold` over the last `window` steps. */
export interface Alert {
  step: number;
  type: AlertType;
  severity: Severity;
  /** The reward function concerned, if any. */
  rewardFn?: string;
  /** The training metric or statistic concerned, if any (e.g. "kl", "memory_mb", "quality.distinct2"). */
  metric?: string;
  message: string;
  value: number;
  threshold: number;
  /** Steps of history the verdict rests on. */
  window?: number;
  /** One line: what to do about it. */
  action: string;
  /** Further numbers behind the verdict (baseline mean, z-score, onset step...). */
  evidence?: Record<string, number>;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
