import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "degenerate_outputs";

/** Options of the degenerate-outputs detector. */
export interface DegenerateOutputsOptions extends DetectorOptions {
  /** A step counts when the fraction of degenerate (or of empty) completions reaches this. Default 0.1. */
  rate: number;
  /** At or above this fraction the alert is critical. Default 0.5. */
  criticalRate: number;
  /** Consecutive counting steps before the alert. Default 2. */
  minSteps: number;
}

/** Steps with quality metrics seen, and the current run of counting steps. */
export interface DegenerateOutputsState {
  seen: number;
  streak: Streak;
}

/**
 * Broken generations: quality.degenerateRate (or quality.emptyRate) >= `rate` for `minSteps` steps; critical
 * at `criticalRate`. Usually a sign of a diverging policy or a broken chat template / stop token.
 * @example
 * const state = degenerateOutputsDetector.init(degenerateOutputsDetector.defaults);
 * const alerts = degenerateOutputsDetector.check(view, state, degenerateOutputsDetector.defaults);
 */
export const degenerateOutputsDetector: StepDetector<DegenerateOutputsOptions, DegenerateOutputsState> = {
  id: ID,
  scope: "step",
  description: "Degenerate or empty completions (garbage, a single repeated token, nothing at all).",
  defaults: { enabled: true, severity: "high", warmup: 0, rate: 0.1, criticalRate: 0.5, minSteps: 2 },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "rate", options.rate, 0, 1);
    checkRange(ID, "criticalRate", options.criticalRate, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const degenerate = finiteOrNull(view.report.quality?.degenerateRate);
    const empty = finiteOrNull(view.report.quality?.emptyRate);
    if (degenerate === null && empty === null) return [];
    const byEmpty = empty !== null && empty > (degenerate ?? Number.NEGATIVE_INFINITY);
    const value = byEmpty ? (empty ?? 0) : (degenerate ?? 0);
    state.seen++;
    advanceStreak(state.streak, value >= options.rate, view.step);
    if (state.seen <= options.warmup || state.streak.count < options.minSteps) return [];
    const severity = value >= options.criticalRate ? "critical" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    return [
      {
        type: "degenerate_outputs",
        severity,
        metric: byEmpty ? "quality.emptyRate" : "quality.degenerateRate",
        message: `${percent(value)} of completions are ${byEmpty ? "empty" : "degenerate"}, ${state.streak.count} steps in a row`,
        value,
        threshold: options.rate,
        window: state.streak.count,
        action:
          "Read the flagged completions; check the chat template, stop tokens and learning rate, and roll back if the policy diverged.",
        evidence: finiteEvidence({ degenerateRate: degenerate, emptyRate: empty, steps: state.streak.count }),
      },
    ];
  },
};
