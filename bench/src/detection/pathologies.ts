import { ALERT_TYPES, type AlertType } from "@rewardscope/core";
import type { RewardKind, RunProfile } from "./run-profile.js";

/**
 * Every pathology of the alert contract (README "## Alerts") that a run can show, named by the alert type
 * that must catch it. `threshold` (the user's own rules) and `missing_rank` (a server's rank timeout) are not
 * pathologies of a run's signal, so they are not generated.
 */
export type PathologyKind = Exclude<AlertType, "threshold" | "missing_rank">;

export const PATHOLOGY_KINDS: readonly PathologyKind[] = ALERT_TYPES.filter(
  (type): type is PathologyKind => type !== "threshold" && type !== "missing_rank",
);

/** What the generator needs to know about a pathology beyond its step effects. */
export interface PathologyTraits {
  /** Reward kinds the pathology can target, in order of preference; empty: it concerns the whole step. */
  targets: readonly RewardKind[];
  /** The detectors of these pathologies read completion texts. */
  needsText: boolean;
  /** Trends are only told apart from learning on a plateau; stagnation is the absence of the rise. */
  shape?: RunProfile["shape"];
  /** Present from the first step (stagnation: the run never learns). */
  fromStart?: boolean;
  /** One step only (a glitch), not a lasting state. */
  transient?: boolean;
  /** One line: what the generated pathology looks like (printed with the table). */
  description: string;
}

const POSITIVE: readonly RewardKind[] = ["binary", "continuous", "format03"];
const BOUNDED: readonly RewardKind[] = ["format03", "binary", "continuous"];

/** The traits of each pathology. Strength s in [0, 1] scales each effect between the bounds given. */
export const PATHOLOGIES: Record<PathologyKind, PathologyTraits> = {
  outlier: {
    targets: POSITIVE,
    needsText: false,
    transient: true,
    description: "one step: 50-100% of a function's values glitch to 3-10x its scale",
  },
  drop: { targets: [], needsText: false, description: "policy skill falls 1.5-4 logits, lasting" },
  spike: {
    targets: POSITIVE,
    needsText: false,
    description: "a function's values x1.5-5 (a reward change), lasting",
  },
  flatline: {
    targets: ["binary", "continuous", "format03", "penalty"],
    needsText: false,
    description: "a function returns one constant (0 or its typical value)",
  },
  high_negative_rate: {
    targets: ["continuous", "binary"],
    needsText: false,
    description: "55-95% of a positive function's values turn negative (ramp 5 steps)",
  },
  saturation_high: {
    targets: BOUNDED,
    needsText: false,
    description: "98-100% of values at the function's maximum (ramp 5)",
  },
  saturation_low: {
    targets: BOUNDED,
    needsText: false,
    description: "98-100% of values at the function's minimum (ramp 5)",
  },
  variance_collapse: {
    targets: ["continuous", "format03"],
    needsText: false,
    description: "values converge to a constant with noise sd 0.1% of scale over 3-20 steps",
  },
  trend_up: {
    targets: [],
    needsText: false,
    shape: "plateau",
    description: "on a plateau, skill drifts up 0.5-1.5 logits per 100 steps",
  },
  trend_down: {
    targets: [],
    needsText: false,
    shape: "plateau",
    description: "on a plateau, skill drifts down 0.5-1.5 logits per 100 steps",
  },
  zero_std_groups: {
    targets: [],
    needsText: false,
    description: "60-98% of groups are one completion copied (ramp 5)",
  },
  stagnation: {
    targets: [],
    needsText: false,
    shape: "rising",
    fromStart: true,
    description: "a run meant to rise never learns: skill frozen at its start",
  },
  truncation: {
    targets: [],
    needsText: false,
    description: "55-95% of completions hit the length limit (ramp 5)",
  },
  error_rate: {
    targets: POSITIVE,
    needsText: false,
    description: "6-56% of a function's calls fail (null values)",
  },
  slow_reward_fn: {
    targets: POSITIVE,
    needsText: false,
    description: "a function's calls become 4-20x slower",
  },
  format_gaming: {
    targets: [],
    needsText: true,
    description: "30-90% well-tagged junk (format paid, accuracy 0) (ramp 5)",
  },
  excessive_repetition: {
    targets: [],
    needsText: true,
    description: "35-90% of completions loop one sentence (ramp 5)",
  },
  diversity_collapse: {
    targets: [],
    needsText: true,
    description: "60-95% of completions are one of three near-identical texts (ramp 5)",
  },
  degenerate_outputs: {
    targets: [],
    needsText: true,
    description: "12-62% empty, one-character, one-token or control-character outputs (ramp 5)",
  },
  length_hacking: {
    targets: ["continuous"],
    needsText: true,
    description:
      "a continuous reward pays for length (0.35 x scale per log-length) while lengths grow 30-100% per 100 steps",
  },
  entropy_collapse: {
    targets: [],
    needsText: false,
    description: "metric entropy decays to 0.01 with time constant 10-50 steps",
  },
  kl_spike: { targets: [], needsText: false, description: "metric kl x6-20, lasting" },
  memory_leak: { targets: [], needsText: false, description: "metric memory_mb grows 5-35% per 100 steps" },
};

/** A pathology placed in a run. */
export interface PathologySpec {
  kind: PathologyKind;
  /** The first step it affects. */
  onset: number;
  /** In [0, 1]: how strong, between the bounds of its description. */
  strength: number;
  /** The reward function it acts on, when it acts on one. */
  target: string | null;
}

/** The function a pathology acts on: the first of the run's functions of its preferred kinds. */
export function pathologyTarget(kind: PathologyKind, profile: RunProfile): string | null {
  for (const k of PATHOLOGIES[kind].targets) {
    const fn = profile.rewards.find((r) => r.kind === k);
    if (fn) return fn.name;
  }
  return null;
}
