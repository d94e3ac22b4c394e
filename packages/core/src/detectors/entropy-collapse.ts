import { updateEma } from "../stats/ema.js";
import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkBaseOptions, checkInteger, checkNames, checkRange } from "./lib/check-options.js";
import { finiteEvidence, percent } from "./lib/evidence.js";
import { pickMetric } from "./lib/pick-metric.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "entropy_collapse";

/** Options of the entropy-collapse detector. */
export interface EntropyCollapseOptions extends DetectorOptions {
  /** The entropy metric: the first of these names the run logs. Default ["entropy", "policy_entropy", "actor/entropy", "train/entropy"]. */
  metrics: string[];
  /** A step counts when entropy falls below this fraction of its baseline. Default 0.2. */
  fraction: number;
  /** A step counts when entropy falls below this absolute value (once the baseline was above it). Default 0.05. */
  floor: number;
  /** Steps that form the baseline: the highest value of the entropy's EWMA over them. Default 50. */
  baselineSteps: number;
  /** Smoothing of the baseline EWMA. Default 0.1. */
  baselineAlpha: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** The metric followed, the baseline EWMA and its maximum (null: none yet), the steps it rests on, the streak. */
export interface EntropyCollapseState {
  metric: string | null;
  ema: number | null;
  baseline: number | null;
  baselineSteps: number;
  streak: Streak;
}

/**
 * Policy entropy collapsing: below `fraction` of its early baseline (the highest EWMA over the first
 * `baselineSteps` steps) or below an absolute `floor`, for `minSteps` steps. The policy has become nearly
 * deterministic and stops exploring. A slow healthy decline (1.2 -> 0.8) stays well above both. The floor
 * applies only when the baseline was above it, so an entropy logged in other units is judged by the ratio alone.
 * High when both hold.
 * @example
 * const state = entropyCollapseDetector.init(entropyCollapseDetector.defaults);
 * const alerts = entropyCollapseDetector.check(view, state, entropyCollapseDetector.defaults);
 */
export const entropyCollapseDetector: StepDetector<EntropyCollapseOptions, EntropyCollapseState> = {
  id: ID,
  scope: "step",
  description: "Policy entropy collapsing far below its early baseline or an absolute floor.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 0,
    metrics: ["entropy", "policy_entropy", "actor/entropy", "train/entropy"],
    fraction: 0.2,
    floor: 0.05,
    baselineSteps: 50,
    baselineAlpha: 0.1,
    minSteps: 3,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkNames(ID, "metrics", options.metrics);
    checkRange(ID, "fraction", options.fraction, 0, 1);
    checkRange(ID, "floor", options.floor, 0);
    checkInteger(ID, "baselineSteps", options.baselineSteps, 1);
    checkRange(ID, "baselineAlpha", options.baselineAlpha, 1e-6, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { metric: null, ema: null, baseline: null, baselineSteps: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const metric = pickMetric(view.report.metrics, options.metrics, state.metric);
    if (metric === null) return [];
    state.metric = metric;
    const x = view.report.metrics[metric] as number;
    if (state.baselineSteps < Math.max(options.baselineSteps, options.warmup)) {
      state.ema = updateEma(state.ema, x, options.baselineAlpha);
      state.baseline = Math.max(state.baseline ?? state.ema, state.ema);
      state.baselineSteps++;
      return [];
    }
    const baseline = state.baseline ?? x;
    const ratioLimit = options.fraction * baseline;
    const byRatio = baseline > 0 && x < ratioLimit;
    const byFloor = baseline > options.floor && x < options.floor;
    advanceStreak(state.streak, byRatio || byFloor, view.step);
    if (state.streak.count < options.minSteps) return [];
    const severity = byRatio && byFloor ? "high" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    const ratio = baseline > 0 ? x / baseline : null;
    return [
      {
        type: "entropy_collapse",
        severity,
        metric,
        message: `Entropy '${metric}' collapsed to ${x.toPrecision(3)}${ratio === null ? "" : `, ${percent(ratio)} of its baseline ${baseline.toPrecision(3)}`} (${state.streak.count} steps in a row)`,
        value: x,
        threshold: byRatio ? ratioLimit : options.floor,
        window: state.streak.count,
        action:
          "Raise the sampling temperature or the entropy bonus, lower the learning rate, or check for reward hacking.",
        evidence: finiteEvidence({
          entropy: x,
          baseline,
          ratio,
          floor: options.floor,
          steps: state.streak.count,
        }),
      },
    ];
  },
};
