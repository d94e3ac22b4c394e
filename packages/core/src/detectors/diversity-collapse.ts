import { updateEma } from "../stats/ema.js";
import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "diversity_collapse";

/** Options of the diversity-collapse detector. */
export interface DiversityCollapseOptions extends DetectorOptions {
  /** A step counts when the fraction of distinct completions is at or below this. Default 0.5. */
  uniqueRatio: number;
  /** A step counts when the fraction of near-duplicate completions is at or above this. Default 0.7. */
  nearDuplicate: number;
  /** A step counts when distinct-2 falls below this fraction of its baseline. Default 0.5. */
  distinct2Fraction: number;
  /** Steps of distinct-2 that form its baseline (an EWMA), frozen afterwards. Default 20. */
  baselineSteps: number;
  /** Smoothing of the distinct-2 baseline EWMA. Default 0.1. */
  baselineAlpha: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** Steps seen, the current streak, and the distinct-2 baseline with the steps it rests on (null: none yet). */
export interface DiversityCollapseState {
  seen: number;
  streak: Streak;
  distinct2Baseline: number | null;
  baselineSteps: number;
}

interface Finding {
  metric: string;
  value: number;
  threshold: number;
  message: string;
}

/**
 * The policy collapsing onto a few answers: quality.uniqueRatio <= `uniqueRatio`, or nearDuplicateRatio >=
 * `nearDuplicate`, or distinct-2 below `distinct2Fraction` of its early baseline, for `minSteps` steps.
 * High when two or more of these hold at once.
 * @example
 * const state = diversityCollapseDetector.init(diversityCollapseDetector.defaults);
 * const alerts = diversityCollapseDetector.check(view, state, diversityCollapseDetector.defaults);
 */
export const diversityCollapseDetector: StepDetector<DiversityCollapseOptions, DiversityCollapseState> = {
  id: ID,
  scope: "step",
  description:
    "Completions collapsing onto few distinct answers (unique ratio, near-duplicates, distinct-2 vs baseline).",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 0,
    uniqueRatio: 0.5,
    nearDuplicate: 0.7,
    distinct2Fraction: 0.5,
    baselineSteps: 20,
    baselineAlpha: 0.1,
    minSteps: 3,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "uniqueRatio", options.uniqueRatio, 0, 1);
    checkRange(ID, "nearDuplicate", options.nearDuplicate, 0, 1);
    checkRange(ID, "distinct2Fraction", options.distinct2Fraction, 0, 1);
    checkInteger(ID, "baselineSteps", options.baselineSteps, 1);
    checkRange(ID, "baselineAlpha", options.baselineAlpha, 1e-6, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak(), distinct2Baseline: null, baselineSteps: 0 };
  },

  check(view, state, options) {
    const q = view.report.quality;
    const unique = finiteOrNull(q?.uniqueRatio);
    const nearDup = finiteOrNull(q?.nearDuplicateRatio);
    const distinct2 = finiteOrNull(q?.distinct2);
    if (unique === null && nearDup === null && distinct2 === null) return [];
    state.seen++;
    const baseline = state.baselineSteps >= options.baselineSteps ? state.distinct2Baseline : null;
    if (distinct2 !== null && baseline === null) {
      state.distinct2Baseline = updateEma(state.distinct2Baseline, distinct2, options.baselineAlpha);
      state.baselineSteps++;
    }
    const findings: Finding[] = [];
    if (unique !== null && unique <= options.uniqueRatio) {
      const message = `only ${percent(unique)} of completions are distinct`;
      findings.push({
        metric: "quality.uniqueRatio",
        value: unique,
        threshold: options.uniqueRatio,
        message,
      });
    }
    if (nearDup !== null && nearDup >= options.nearDuplicate) {
      const message = `${percent(nearDup)} of completions are near-duplicates`;
      findings.push({
        metric: "quality.nearDuplicateRatio",
        value: nearDup,
        threshold: options.nearDuplicate,
        message,
      });
    }
    const floor = baseline === null ? null : options.distinct2Fraction * baseline;
    if (distinct2 !== null && floor !== null && distinct2 < floor) {
      const message = `distinct-2 fell to ${distinct2.toFixed(3)}, ${percent(distinct2 / (baseline ?? 1))} of its baseline ${(baseline ?? 0).toFixed(3)}`;
      findings.push({ metric: "quality.distinct2", value: distinct2, threshold: floor, message });
    }
    advanceStreak(state.streak, findings.length > 0, view.step);
    const [first] = findings;
    if (first === undefined || state.seen <= options.warmup || state.streak.count < options.minSteps)
      return [];
    const severity = findings.length >= 2 ? "high" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    return [
      {
        type: "diversity_collapse",
        severity,
        metric: first.metric,
        message: `Diversity collapse: ${findings.map((f) => f.message).join("; ")} (${state.streak.count} steps in a row)`,
        value: first.value,
        threshold: first.threshold,
        window: state.streak.count,
        action:
          "Raise the sampling temperature or the KL/entropy weight, and check the reward does not favour one template.",
        evidence: finiteEvidence({
          uniqueRatio: unique,
          nearDuplicateRatio: nearDup,
          distinct2,
          distinct2Baseline: baseline,
          steps: state.streak.count,
        }),
      },
    ];
  },
};
