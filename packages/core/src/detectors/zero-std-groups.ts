import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "zero_std_groups";

/** Options of the zero-std-groups detector. */
export interface ZeroStdGroupsOptions extends DetectorOptions {
  /** A step counts when at least this fraction of its GRPO groups has all-equal rewards. Default 0.5. */
  fraction: number;
  /** At or above this fraction the alert is critical. Default 0.9. */
  criticalFraction: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** Steps with groups seen, and the current run of steps at or above `fraction`. */
export interface ZeroStdGroupsState {
  seen: number;
  streak: Streak;
}

/** The reward function most often constant within a group, with its fraction. */
function mostConstant(byFn: Record<string, number>): [string, number] | null {
  let best: [string, number] | null = null;
  for (const [fn, fraction] of Object.entries(byFn))
    if (Number.isFinite(fraction) && (best === null || fraction > best[1])) best = [fn, fraction];
  return best;
}

/**
 * GRPO groups whose completions all got the same total reward: their advantages are all 0, so they give no
 * gradient. Fires when groups.zeroStdFraction >= `fraction` for `minSteps` steps; the evidence gives the
 * fraction per reward function, which shows the function that is constant.
 * @example
 * const state = zeroStdGroupsDetector.init(zeroStdGroupsDetector.defaults);
 * const alerts = zeroStdGroupsDetector.check(view, state, zeroStdGroupsDetector.defaults);
 */
export const zeroStdGroupsDetector: StepDetector<ZeroStdGroupsOptions, ZeroStdGroupsState> = {
  id: ID,
  scope: "step",
  description: "GRPO groups with identical rewards (zero std, no gradient), sustained over steps.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 0,
    fraction: 0.5,
    criticalFraction: 0.9,
    minSteps: 3,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "fraction", options.fraction, 0, 1);
    checkRange(ID, "criticalFraction", options.criticalFraction, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const groups = view.report.groups;
    if (groups === null || groups.groups === 0 || !Number.isFinite(groups.zeroStdFraction)) return [];
    const fraction = groups.zeroStdFraction;
    state.seen++;
    advanceStreak(state.streak, fraction >= options.fraction, view.step);
    if (state.seen <= options.warmup || state.streak.count < options.minSteps) return [];
    const severity = fraction >= options.criticalFraction ? "critical" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    const evidence: Record<string, number> = {
      groups: groups.groups,
      meanGroupSize: groups.meanSize,
      steps: state.streak.count,
    };
    for (const [fn, f] of Object.entries(groups.zeroStdFractionByFn))
      if (Number.isFinite(f)) evidence[`zeroStd.${fn}`] = f;
    const constant = mostConstant(groups.zeroStdFractionByFn);
    const culprit =
      constant === null ? "" : `; most constant: '${constant[0]}' (${percent(constant[1])} of groups)`;
    return [
      {
        type: "zero_std_groups",
        severity,
        metric: "groups.zeroStdFraction",
        message: `${percent(fraction)} of GRPO groups have identical rewards (no gradient), ${state.streak.count} steps in a row${culprit}`,
        value: fraction,
        threshold: options.fraction,
        window: state.streak.count,
        action:
          "Make the constant reward finer-grained (partial credit), or use harder/easier prompts, more completions per prompt or a higher temperature.",
        evidence,
      },
    ];
  },
};
