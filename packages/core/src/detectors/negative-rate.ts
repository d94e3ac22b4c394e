import type { DetectorOptions, RewardDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, percent } from "./lib/evidence.js";
import { escalate } from "./lib/severity.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "high_negative_rate";

/** Options of the negative-rate detector (alert type "high_negative_rate"). The first `warmup` steps (default 20) are its baseline. */
export interface NegativeRateOptions extends DetectorOptions {
  /** Fraction of negative values above which a step counts. Default 0.5. */
  threshold: number;
  /** Consecutive counting steps before the alert. Default 5. */
  minSteps: number;
  /** A step counts only when its negative fraction is also above the baseline's by this much. Default 0.25. */
  margin: number;
  /** Below this fraction of positive values over the baseline steps, the function is non-positive by design (a penalty): never judged. Default 0.05. */
  designPositive: number;
}

/** The baseline (sums of fractions over the first steps), the verdict on the design, the current run. */
export interface NegativeRateState {
  seen: number;
  negativeSum: number;
  positiveSum: number;
  /** null until the baseline is complete; then whether the function is non-positive by design. */
  byDesign: boolean | null;
  streak: Streak;
}

/**
 * Too many negative rewards: the negative fraction of a step above `threshold` and clearly above the function's
 * own early baseline (+`margin`) for `minSteps` steps. A function that is non-positive by design (a penalty like
 * length_penalty, always <= 0) is recognised over the baseline steps and never judged.
 * Severity: `severity` (default medium), +1 when the fraction is past halfway from its limit to 1. Raised once
 * per run of counting steps, again if it escalates.
 * @example
 * const state = negativeRateDetector.init(negativeRateDetector.defaults);
 * const alerts = negativeRateDetector.check(input, state, negativeRateDetector.defaults);
 */
export const negativeRateDetector: RewardDetector<NegativeRateOptions, NegativeRateState> = {
  id: ID,
  scope: "reward",
  description: "The fraction of negative rewards rising well above the function's own early baseline.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 20,
    threshold: 0.5,
    minSteps: 5,
    margin: 0.25,
    designPositive: 0.05,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkInteger(ID, "warmup", options.warmup, 1);
    checkRange(ID, "threshold", options.threshold, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    checkRange(ID, "margin", options.margin, 0, 1);
    checkRange(ID, "designPositive", options.designPositive, 0, 1);
    return { seen: 0, negativeSum: 0, positiveSum: 0, byDesign: null, streak: createStreak() };
  },

  check(input, state, options) {
    const { batch } = input.stats;
    if (batch.count === 0) return [];
    const negative = batch.negativeFrac;
    if (state.byDesign === null) {
      state.seen++;
      state.negativeSum += negative;
      state.positiveSum += batch.positiveFrac;
      if (state.seen >= options.warmup)
        state.byDesign = state.positiveSum / state.seen < options.designPositive;
      return [];
    }
    if (state.byDesign) return [];
    const baseline = state.negativeSum / state.seen;
    const limit = Math.max(options.threshold, baseline + options.margin);
    advanceStreak(state.streak, negative > limit, input.step);
    if (state.streak.count < options.minSteps) return [];
    const severity = escalate(options.severity, negative >= limit + (1 - limit) / 2 ? 1 : 0);
    if (!shouldRaise(state.streak, severity)) return [];
    const onset = state.streak.onset ?? input.step;
    return [
      {
        type: "high_negative_rate",
        severity,
        message:
          `Reward '${input.fn}': ${percent(negative)} of values are negative, ${state.streak.count} steps since step ` +
          `${onset} (early baseline ${percent(baseline)})`,
        value: negative,
        threshold: limit,
        window: state.streak.count,
        action:
          "Read the negatively rewarded completions: the policy may be drifting into penalised behaviour, or the function misfires.",
        evidence: finiteEvidence({
          negativeFrac: negative,
          baseline,
          limit,
          onset,
          steps: state.streak.count,
          mean: batch.mean,
        }),
      },
    ];
  },
};
