import type { Rng } from "./rng.js";
import type { RewardSpec, RunProfile } from "./run-profile.js";
import type { StepEffects } from "./step-effects.js";

/** The form of a completion: a worked solution, or one of the failure forms of the pathologies. */
export type Form = "normal" | "junk" | "repetitive" | "collapsed" | "degenerate" | "truncated";

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits + 0;

/** One sampled completion, before scoring: everything its rewards depend on. */
export interface Draw {
  form: Form;
  correct: boolean;
  /** The group's success probability. */
  p: number;
  tokens: number;
  truncated: boolean;
  text: string | null;
  /** Per-completion noise of the continuous reward. */
  noise: number;
}

/** The largest value of a reward function (its saturation level). */
export function rewardMax(r: RewardSpec): number {
  return r.kind === "format03" ? 3 : r.kind === "penalty" ? 0 : r.scale;
}

/** The value a reward function settles at when it collapses or sticks (non-zero flatline). */
export function rewardTypical(r: RewardSpec): number {
  if (r.kind === "binary") return r.scale;
  if (r.kind === "format03") return 2;
  if (r.kind === "continuous") return 0.6 * r.scale;
  return -0.1;
}

/** One function's value for one completion, as the run's healthy reward model scores it. */
export function score(r: RewardSpec, d: Draw, profile: RunProfile, progress: number, rng: Rng): number {
  switch (r.kind) {
    case "binary":
      return d.correct ? r.scale : 0;
    case "format03": {
      if (d.form === "junk" || d.form === "collapsed") return 3;
      if (d.form === "degenerate" || d.truncated) return 0;
      const q = 0.55 + 0.35 * progress;
      return (rng.chance(q) ? 1 : 0) + (rng.chance(q) ? 1 : 0) + (rng.chance(q) ? 1 : 0);
    }
    case "continuous": {
      const x = 0.15 + 0.45 * d.p + 0.25 * (d.correct ? 1 : 0) + 0.1 * d.noise;
      return round(r.scale * Math.min(1, Math.max(0, x)), 3);
    }
    case "penalty":
      return round(-0.002 * Math.max(0, d.tokens - 1.3 * profile.meanTokens), 4);
  }
}

/** Applies the pathology's value override to one function's values; returns the failed calls. */
export function override(
  effects: StepEffects,
  r: RewardSpec,
  values: (number | null)[],
  rng: Rng,
  draws: readonly Draw[],
  meanTokens: number,
): number {
  const o = effects.override;
  if (o === null || o.fn !== r.name) return 0;
  const top = r.kind === "penalty" ? 0.1 : rewardMax(r);
  let errors = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (o.kind === "glitch" && rng.chance(o.amount)) values[i] = round(o.level * top, 4);
    else if (o.kind === "scale") values[i] = round(v * o.amount, 4);
    else if (o.kind === "constant") values[i] = o.level;
    else if (o.kind === "negative" && rng.chance(o.amount)) values[i] = -round(rng.uniform(0.1, 1) * top, 3);
    else if (o.kind === "max" && rng.chance(o.amount)) values[i] = rewardMax(r);
    else if (o.kind === "min" && rng.chance(o.amount)) values[i] = 0;
    else if (o.kind === "collapse")
      values[i] = round(o.level + (v - o.level) * (1 - o.amount) + o.amount * 0.001 * top * rng.normal(), 5);
    else if (o.kind === "length") {
      const pay = 0.5 + o.amount * Math.log((draws[i] as Draw).tokens / meanTokens) + 0.05 * rng.normal();
      values[i] = round(top * Math.min(1, Math.max(0, pay)), 3);
    } else if (o.kind === "error" && rng.chance(o.amount)) {
      values[i] = null;
      errors++;
    }
  }
  return errors;
}
