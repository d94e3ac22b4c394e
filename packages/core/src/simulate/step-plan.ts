import type { ResolvedSimulation } from "./options.js";
import type { RewardFunctionName } from "./reward-functions.js";
import type { ScenarioName } from "./scenarios.js";

/** How a pathology rewrites a reward function's values (the text stays as generated). */
export interface RewardOverride {
  fn: RewardFunctionName;
  /** zero: always 0; error: null with probability `amount`; scale: times `amount`;
   * saturate: the maximum with probability `amount`; constant: pulled to a constant by `amount` in [0, 1]. */
  kind: "zero" | "error" | "scale" | "saturate" | "constant";
  amount: number;
}

/** Everything the generator needs to know about one step, before any random draw. */
export interface StepPlan {
  /** Learning progress in [0, 1] along the logistic curve. */
  progress: number;
  /** Logit of the success probability of a prompt of average difficulty. */
  skillLogit: number;
  /** Probabilities that a worked solution has strict or soft format (the rest: no tags). */
  strictRate: number;
  softRate: number;
  /** Multiplies the target completion length. */
  lengthFactor: number;
  /** Extra success logit per unit of log(length / target): > 0 when longer answers earn more. */
  lengthSkill: number;
  junkRate: number;
  repetitionRate: number;
  collapseRate: number;
  truncationRate: number;
  /** Probability that a group holds one completion copied groupSize times. */
  duplicateGroupRate: number;
  override: RewardOverride | null;
}

/** Success logits at the start and on the plateau (with per-prompt difficulty: accuracy ~0.2 -> ~0.7). */
const START_LOGIT = -1.6;
const PLATEAU_LOGIT = 1.25;

/** Preferred target of each function-specific pathology. */
const PREFERRED: Partial<Record<ScenarioName, RewardFunctionName>> = {
  flatline: "accuracy",
  reward_fn_errors: "accuracy",
  drop: "accuracy",
  spike: "accuracy",
  saturation: "format",
  variance_collapse: "reasoning_steps",
  format_gaming: "format",
  length_hacking: "reasoning_steps",
  stagnation: "accuracy",
};

/**
 * The reward function a scenario is about: its preferred one when the run has it, else the run's first.
 * Null for scenarios that concern the completions or the metrics as a whole.
 * @example
 * scenarioTarget("flatline", ["format", "accuracy"]); // "accuracy"
 */
export function scenarioTarget(
  scenario: ScenarioName,
  fns: readonly RewardFunctionName[],
): RewardFunctionName | null {
  const preferred = PREFERRED[scenario];
  if (preferred === undefined) return null;
  return fns.includes(preferred) ? preferred : (fns[0] ?? null);
}

/** Learning progress at a step: a logistic rise centred on min(steps / 6, 100), complete by twice that. */
export function learningProgress(step: number, steps: number): number {
  // Real GRPO runs learn most of what they learn early: the rise is centred at a sixth of the run, but never
  // later than step 100, however long the run.
  const middle = Math.min(steps / 6, 100);
  const x = (step - middle) / (middle / 3);
  const lo = 1 / (1 + Math.exp(3));
  const hi = 1 / (1 + Math.exp(-3));
  return Math.min(1, Math.max(0, (1 / (1 + Math.exp(-x)) - lo) / (hi - lo)));
}

/** Steps over which a behavioural pathology grows from nothing to its full share. */
export function rampSteps(steps: number): number {
  return Math.max(1, Math.min(25, Math.round(steps / 50)));
}

/**
 * The plan of one step: the healthy curve, then the scenario's change from `onset` on.
 * @example
 * planStep(resolveSimulation({ scenario: "repetition", steps: 100 }), 80).repetitionRate; // 0.7
 */
export function planStep(sim: ResolvedSimulation, step: number): StepPlan {
  const { scenario, onset, steps } = sim;
  const after = step >= onset;
  const ramp = after ? Math.min(1, (step - onset + 1) / rampSteps(steps)) : 0;
  const progress = learningProgress(scenario === "stagnation" && after ? onset : step, steps);
  let softRate = 0.25 - 0.12 * progress;
  let noneRate = 0.25 - 0.22 * progress;
  const plan: StepPlan = {
    progress,
    skillLogit: START_LOGIT + (PLATEAU_LOGIT - START_LOGIT) * progress,
    strictRate: 0,
    softRate: 0,
    lengthFactor: 1,
    lengthSkill: 0,
    junkRate: 0,
    repetitionRate: 0,
    collapseRate: 0,
    truncationRate: 0,
    duplicateGroupRate: 0,
    override: null,
  };
  const target = scenarioTarget(scenario, sim.rewardFunctions);
  if (after && target !== null) {
    if (scenario === "flatline") plan.override = { fn: target, kind: "zero", amount: 0 };
    if (scenario === "reward_fn_errors") plan.override = { fn: target, kind: "error", amount: 0.4 };
    if (scenario === "spike") plan.override = { fn: target, kind: "scale", amount: 5 };
    if (scenario === "variance_collapse") plan.override = { fn: target, kind: "constant", amount: ramp };
    if (scenario === "saturation" && target !== "format" && target !== "xmlcount") {
      plan.override = { fn: target, kind: "saturate", amount: 0.995 * ramp };
    }
  }
  if (after) {
    if (scenario === "drop") {
      plan.skillLogit -= 3.5;
      softRate *= 3;
      noneRate *= 3;
    } else if (scenario === "saturation") {
      softRate *= 1 - 0.97 * ramp;
      noneRate *= 1 - 0.97 * ramp;
    } else if (scenario === "length_hacking") {
      plan.lengthFactor = 1 + (1.2 * (step - onset)) / Math.max(1, steps - 1 - onset);
      // The policy found that length pays: longer completions are more often judged correct.
      plan.lengthSkill = 6;
    }
    if (scenario === "format_gaming") plan.junkRate = 0.85 * ramp;
    if (scenario === "repetition") plan.repetitionRate = 0.7 * ramp;
    if (scenario === "diversity_collapse") plan.collapseRate = 0.9 * ramp;
    if (scenario === "truncation") plan.truncationRate = 0.85 * ramp;
    if (scenario === "zero_std_groups") plan.duplicateGroupRate = 0.95 * ramp;
  }
  plan.softRate = softRate;
  plan.strictRate = 1 - softRate - noneRate;
  return plan;
}
