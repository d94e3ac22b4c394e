import type { DetectorOptions, RewardDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { escalate } from "./lib/severity.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "variance_collapse";

/** Options of the variance-collapse detector. */
export interface VarianceCollapseOptions extends DetectorOptions {
  /** A step counts when its coefficient of variation std / |mean| is below this. Default 0.01. */
  cv: number;
  /** ...or when its std is at most this fraction of the run's scale (the largest |value| seen): covers a mean near 0. Default 1e-6. */
  minStd: number;
  /** Consecutive counting steps before the alert. Default 5. */
  minSteps: number;
  /** From this many consecutive steps the alert is critical. Default 25. */
  criticalSteps: number;
}

/** Whether the function ever had spread, its scale, and the current run of collapsed steps. */
export interface VarianceCollapseState {
  /** A step with spread (not collapsed) has been seen: only then can variance collapse. */
  armed: boolean;
  /** Largest |value| seen in the run. */
  scale: number;
  seen: number;
  streak: Streak;
}

/**
 * The spread of a function's values within a step vanishes: std / |mean| < `cv`, or std <= `minStd` x the run's
 * scale (so a mean near 0 does not inflate the ratio), for `minSteps` consecutive steps. Every completion then
 * scores alike and GRPO advantages vanish. Needs steps of 2 or more values. A function that has never shown
 * spread (constant by design from its first step) is not judged here: it never arms, and `flatline` covers it.
 * Severity: `severity` (default high); critical from `criticalSteps` consecutive steps. Raised once per run of
 * collapsed steps, again when it turns critical.
 * @example
 * const state = varianceCollapseDetector.init(varianceCollapseDetector.defaults);
 * const alerts = varianceCollapseDetector.check(input, state, varianceCollapseDetector.defaults);
 */
export const varianceCollapseDetector: RewardDetector<VarianceCollapseOptions, VarianceCollapseState> = {
  id: ID,
  scope: "reward",
  description: "The spread of a function's values within a step vanishing (coefficient of variation near 0).",
  defaults: {
    enabled: true,
    severity: "high",
    warmup: 0,
    cv: 0.01,
    minStd: 1e-6,
    minSteps: 5,
    criticalSteps: 25,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkAbove(ID, "cv", options.cv, 0);
    checkRange(ID, "minStd", options.minStd, 0);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    checkInteger(ID, "criticalSteps", options.criticalSteps, options.minSteps);
    return { armed: false, scale: 0, seen: 0, streak: createStreak() };
  },

  check(input, state, options) {
    const { count, mean, std, min, max } = input.stats.batch;
    if (count < 2 || !Number.isFinite(std)) return [];
    state.seen++;
    state.scale = Math.max(state.scale, Math.abs(min), Math.abs(max));
    const floor = options.minStd * state.scale;
    const byCv = std < options.cv * Math.abs(mean);
    const collapsed = byCv || std <= floor;
    if (!collapsed) state.armed = true;
    advanceStreak(state.streak, state.armed && collapsed, input.step);
    if (state.streak.count < options.minSteps || state.seen <= options.warmup) return [];
    const severity = escalate(options.severity, state.streak.count >= options.criticalSteps ? 3 : 0);
    if (!shouldRaise(state.streak, severity)) return [];
    const cv = std / Math.abs(mean);
    const onset = state.streak.onset ?? input.step;
    return [
      {
        type: "variance_collapse",
        severity,
        message:
          `Reward '${input.fn}' variance collapsed: CV=${byCv ? cv.toFixed(4) : "n/a"}, std=${std.toPrecision(3)}, ` +
          `mean=${mean.toPrecision(4)}, ${state.streak.count} steps since step ${onset}`,
        value: byCv ? cv : std,
        threshold: byCv ? options.cv : floor,
        window: state.streak.count,
        action:
          "Completions all score alike, so GRPO advantages vanish: check output diversity, raise the temperature, or make the reward finer-grained.",
        evidence: finiteEvidence({ cv, std, mean, scale: state.scale, onset, steps: state.streak.count }),
      },
    ];
  },
};
