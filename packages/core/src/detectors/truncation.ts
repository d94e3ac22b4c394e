import type { AlertDraft, DetectorOptions, StepDetector, StepView } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "truncation";

/** Options of the truncation detector. */
export interface TruncationOptions extends DetectorOptions {
  /** A step counts when at least this fraction of its completions hit the length limit. Default 0.5. */
  fraction: number;
  /** At or above this fraction the alert is high. Default 0.8. */
  highFraction: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** Steps with input seen, and the current run of steps at or above `fraction`. */
export interface TruncationState {
  seen: number;
  streak: Streak;
}

interface Truncation {
  fraction: number;
  /** Completions with a known truncation flag; null when only the quality rate was available. */
  known: number | null;
}

/** The raw flags when the batch has any, else the quality metrics' rate. */
function truncation(view: StepView): Truncation | null {
  const flags = view.batch.truncated?.filter((t): t is boolean => t !== null) ?? [];
  if (flags.length > 0) return { fraction: flags.filter(Boolean).length / flags.length, known: flags.length };
  const rate = finiteOrNull(view.report.quality?.truncatedRate);
  return rate === null ? null : { fraction: rate, known: null };
}

/**
 * Completions that keep hitting the length limit: their endings (often the answer) are cut, so their
 * reward says little about the policy. Fires when the truncated fraction is >= `fraction` for `minSteps` steps.
 * @example
 * const state = truncationDetector.init(truncationDetector.defaults);
 * const alerts = truncationDetector.check(view, state, truncationDetector.defaults);
 */
export const truncationDetector: StepDetector<TruncationOptions, TruncationState> = {
  id: ID,
  scope: "step",
  description: "Fraction of completions truncated at the generation length limit, sustained over steps.",
  defaults: { enabled: true, severity: "medium", warmup: 0, fraction: 0.5, highFraction: 0.8, minSteps: 3 },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "fraction", options.fraction, 0, 1);
    checkRange(ID, "highFraction", options.highFraction, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const found = truncation(view);
    if (found === null) return [];
    state.seen++;
    advanceStreak(state.streak, found.fraction >= options.fraction, view.step);
    if (state.seen <= options.warmup || state.streak.count < options.minSteps) return [];
    const severity = found.fraction >= options.highFraction ? "high" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    const alert: AlertDraft = {
      type: "truncation",
      severity,
      metric: "quality.truncatedRate",
      message: `${percent(found.fraction)} of completions hit the length limit, ${state.streak.count} steps in a row`,
      value: found.fraction,
      threshold: options.fraction,
      window: state.streak.count,
      action:
        "Raise the generation length limit or penalise length: truncated completions lose their ending and answer.",
      evidence: finiteEvidence({
        truncatedFraction: found.fraction,
        completions: found.known,
        steps: state.streak.count,
      }),
    };
    return [alert];
  },
};
