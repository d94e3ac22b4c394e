import type { PathologySpec } from "./pathologies.js";

/** How a pathology rewrites one reward function's values at a step. */
export interface ValueOverride {
  fn: string;
  /**
   * glitch: a share `amount` of values jump to `level` x scale; scale: values x `amount`; constant: every value
   * `level`; negative: a share `amount` turn negative; max / min: a share `amount` at the bound; collapse: pulled
   * to a constant by `amount` in [0, 1]; error: a share `amount` of calls fail (null); length: the value pays for
   * length, `amount` x log(tokens / the run's starting mean length) around the middle of its range.
   */
  kind: "glitch" | "scale" | "constant" | "negative" | "max" | "min" | "collapse" | "error" | "length";
  amount: number;
  level: number;
}

/** Shares of completions replaced by a failure form. */
export interface FormRates {
  junk: number;
  repetitive: number;
  collapsed: number;
  degenerate: number;
  truncated: number;
}

/** Everything a pathology changes at one step; the healthy step has all of it neutral. */
export interface StepEffects {
  /** Added to the policy's skill logit. */
  skillShift: number;
  /** The skill stays at its first-step level (no learning). */
  frozen: boolean;
  lengthFactor: number;
  forms: FormRates;
  duplicateGroupRate: number;
  override: ValueOverride | null;
  /** Multiplies a function's call time. */
  slow: { fn: string; factor: number } | null;
  /** Replaces the entropy metric by this value (null: healthy). */
  entropy: ((healthy: number) => number) | null;
  klFactor: number;
  /** Memory growth as a fraction of the base level. */
  memoryGrowth: number;
}

/** The healthy step: no effect at all. */
export function noEffects(): StepEffects {
  return {
    skillShift: 0,
    frozen: false,
    lengthFactor: 1,
    forms: { junk: 0, repetitive: 0, collapsed: 0, degenerate: 0, truncated: 0 },
    duplicateGroupRate: 0,
    override: null,
    slow: null,
    entropy: null,
    klFactor: 1,
    memoryGrowth: 0,
  };
}

/** Behavioural pathologies grow from nothing to their full share over this many steps. */
export const RAMP_STEPS = 5;

function lerp(lo: number, hi: number, s: number): number {
  return lo + (hi - lo) * s;
}

/**
 * The effects of a pathology at `step` (neutral before its onset). `typical` is the target function's typical
 * value, for a flatline at a non-zero constant and a collapse.
 * @example
 * stepEffects({ kind: "kl_spike", onset: 100, strength: 0, target: null }, 120, 0).klFactor; // 6
 */
export function stepEffects(spec: PathologySpec | null, step: number, typical: number): StepEffects {
  const effects = noEffects();
  if (spec === null || step < spec.onset) return effects;
  const s = spec.strength;
  const since = step - spec.onset;
  const ramp = Math.min(1, (since + 1) / RAMP_STEPS);
  const fn = spec.target ?? "";
  const override = (kind: ValueOverride["kind"], amount: number, level = 0): ValueOverride => ({
    fn,
    kind,
    amount,
    level,
  });
  switch (spec.kind) {
    case "outlier":
      if (since === 0) effects.override = override("glitch", lerp(0.5, 1, s), lerp(3, 10, s));
      break;
    case "drop":
      effects.skillShift = -lerp(1.5, 4, s);
      break;
    case "spike":
      effects.override = override("scale", lerp(1.5, 5, s));
      break;
    case "flatline":
      effects.override = override("constant", 1, s < 0.5 ? 0 : typical);
      break;
    case "high_negative_rate":
      effects.override = override("negative", lerp(0.55, 0.95, s) * ramp);
      break;
    case "saturation_high":
      effects.override = override("max", lerp(0.98, 1, s) * ramp);
      break;
    case "saturation_low":
      effects.override = override("min", lerp(0.98, 1, s) * ramp);
      break;
    case "variance_collapse":
      effects.override = override("collapse", Math.min(1, (since + 1) / Math.round(lerp(20, 3, s))), typical);
      break;
    case "trend_up":
    case "trend_down":
      effects.skillShift = (spec.kind === "trend_up" ? 1 : -1) * lerp(0.5, 1.5, s) * ((since + 1) / 100);
      break;
    case "zero_std_groups":
      effects.duplicateGroupRate = lerp(0.6, 0.98, s) * ramp;
      break;
    case "stagnation":
      effects.frozen = true;
      break;
    case "truncation":
      effects.forms.truncated = lerp(0.55, 0.95, s) * ramp;
      break;
    case "error_rate":
      effects.override = override("error", lerp(0.06, 0.56, s));
      break;
    case "slow_reward_fn":
      effects.slow = { fn, factor: lerp(4, 20, s) };
      break;
    case "format_gaming":
      effects.forms.junk = lerp(0.3, 0.9, s) * ramp;
      break;
    case "excessive_repetition":
      effects.forms.repetitive = lerp(0.35, 0.9, s) * ramp;
      break;
    case "diversity_collapse":
      effects.forms.collapsed = lerp(0.6, 0.95, s) * ramp;
      break;
    case "degenerate_outputs":
      effects.forms.degenerate = lerp(0.12, 0.62, s) * ramp;
      break;
    case "length_hacking":
      effects.lengthFactor = 1 + lerp(0.3, 1, s) * ((since + 1) / 100);
      effects.override = override("length", 0.35);
      break;
    case "entropy_collapse": {
      const tau = lerp(50, 10, s);
      effects.entropy = (healthy) => 0.01 + (healthy - 0.01) * Math.exp(-(since + 1) / tau);
      break;
    }
    case "kl_spike":
      effects.klFactor = lerp(6, 20, s);
      break;
    case "memory_leak":
      effects.memoryGrowth = lerp(0.05, 0.35, s) * ((since + 1) / 100);
      break;
  }
  return effects;
}
