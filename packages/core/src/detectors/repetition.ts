import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "repetition";

/** Options of the repetition detector. */
export interface RepetitionOptions extends DetectorOptions {
  /** A step counts when the mean repeated n-gram fraction of its completions reaches this. Default 0.3. */
  meanRepetition: number;
  /** A step counts when the fraction of repetitive completions reaches this. Default 0.3. */
  rate: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** Steps with quality metrics seen, and the current run of counting steps. */
export interface RepetitionState {
  seen: number;
  streak: Streak;
}

/**
 * Completions that loop: quality.meanRepetition >= `meanRepetition` or quality.repetitiveRate >= `rate` for
 * `minSteps` steps. High when both hold.
 * @example
 * const state = repetitionDetector.init(repetitionDetector.defaults);
 * const alerts = repetitionDetector.check(view, state, repetitionDetector.defaults);
 */
export const repetitionDetector: StepDetector<RepetitionOptions, RepetitionState> = {
  id: ID,
  scope: "step",
  description: "Completions that repeat themselves (repeated n-grams, share of repetitive completions).",
  defaults: { enabled: true, severity: "medium", warmup: 0, meanRepetition: 0.3, rate: 0.3, minSteps: 3 },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "meanRepetition", options.meanRepetition, 0, 1);
    checkRange(ID, "rate", options.rate, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const mean = finiteOrNull(view.report.quality?.meanRepetition);
    const rate = finiteOrNull(view.report.quality?.repetitiveRate);
    if (mean === null && rate === null) return [];
    const byRate = rate !== null && rate >= options.rate;
    const byMean = mean !== null && mean >= options.meanRepetition;
    state.seen++;
    advanceStreak(state.streak, byRate || byMean, view.step);
    if (state.seen <= options.warmup || state.streak.count < options.minSteps) return [];
    const severity = byRate && byMean ? "high" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    return [
      {
        type: "excessive_repetition",
        severity,
        metric: byRate ? "quality.repetitiveRate" : "quality.meanRepetition",
        message: byRate
          ? `${percent(rate ?? 0)} of completions are repetitive, ${state.streak.count} steps in a row`
          : `Completions repeat ${percent(mean ?? 0)} of their n-grams on average, ${state.streak.count} steps in a row`,
        value: byRate ? (rate ?? 0) : (mean ?? 0),
        threshold: byRate ? options.rate : options.meanRepetition,
        window: state.streak.count,
        action:
          "Read a few flagged completions; penalise repeated n-grams in the reward and check stop tokens and sampling settings.",
        evidence: finiteEvidence({ repetitiveRate: rate, meanRepetition: mean, steps: state.streak.count }),
      },
    ];
  },
};
