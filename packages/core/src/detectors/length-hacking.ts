import { updateEma } from "../stats/ema.js";
import { linearTrend } from "../stats/linear-trend.js";
import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "length_hacking";

/** Options of the length-hacking detector. */
export interface LengthHackingOptions extends DetectorOptions {
  /** The EWMA of the per-step length-reward rank correlation must reach this. Default 0.5. */
  correlation: number;
  /** Smoothing of that EWMA. Default 0.1. */
  correlationAlpha: number;
  /** Steps of mean completion length in the trend fit; nothing is judged before it is full. Default 50. */
  window: number;
  /** The length slope's t statistic must exceed this. Default 3. */
  tStat: number;
  /** ...and the fitted length growth over the window must exceed this fraction of its start. Default 0.3. */
  growth: number;
}

/** The correlation EWMA (null: none yet), the last `window` mean lengths, the steps seen, the run of hacking steps. */
export interface LengthHackingState {
  correlation: number | null;
  lengths: number[];
  seen: number;
  hacking: Streak;
}

/**
 * Reward bought with length: the reward follows completion length (EWMA of quality.lengthRewardCorrelation
 * >= `correlation`) AND the mean length rises fast (over the last `window` steps its least-squares slope has
 * t > `tStat` and a fitted growth above `growth` of its start). Either alone is common in healthy runs:
 * longer reasoning helps on hard problems, and lengths drift. One alert per run of such steps, again when the
 * growth reaches twice `growth` (high).
 * @example
 * const state = lengthHackingDetector.init(lengthHackingDetector.defaults);
 * const alerts = lengthHackingDetector.check(view, state, lengthHackingDetector.defaults);
 */
export const lengthHackingDetector: StepDetector<LengthHackingOptions, LengthHackingState> = {
  id: ID,
  scope: "step",
  description: "Reward correlated with length while the mean completion length climbs fast.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 0,
    correlation: 0.5,
    correlationAlpha: 0.1,
    window: 50,
    tStat: 3,
    growth: 0.3,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "correlation", options.correlation, -1, 1);
    checkRange(ID, "correlationAlpha", options.correlationAlpha, 1e-6, 1);
    checkInteger(ID, "window", options.window, 3);
    checkAbove(ID, "tStat", options.tStat, 0);
    checkAbove(ID, "growth", options.growth, 0);
    return { correlation: null, lengths: [], seen: 0, hacking: createStreak() };
  },

  check(view, state, options) {
    const rho = finiteOrNull(view.report.quality?.lengthRewardCorrelation);
    const length = finiteOrNull(view.report.quality?.meanLength);
    if (rho === null && length === null) return [];
    state.seen++;
    if (rho !== null) state.correlation = updateEma(state.correlation, rho, options.correlationAlpha);
    if (length !== null) {
      state.lengths.push(length);
      while (state.lengths.length > options.window) state.lengths.shift();
    }
    const correlation = state.correlation;
    if (correlation === null || state.lengths.length < options.window || state.seen <= options.warmup)
      return [];
    const trend = linearTrend(state.lengths);
    const n = state.lengths.length;
    const start = trend.intercept;
    const growth = (trend.slope * (n - 1)) / start;
    const hacking =
      correlation >= options.correlation &&
      start > 0 &&
      trend.tStat > options.tStat &&
      growth > options.growth;
    advanceStreak(state.hacking, hacking, view.step);
    if (!hacking) return [];
    const severity = growth >= 2 * options.growth ? "high" : options.severity;
    if (!shouldRaise(state.hacking, severity)) return [];
    const end = start + trend.slope * (n - 1);
    return [
      {
        type: "length_hacking",
        severity,
        metric: "quality.meanLength",
        message: `Length hacking: reward tracks length (correlation ${correlation.toFixed(2)}) while mean length grew ${percent(growth)} in ${n} steps (${start.toFixed(0)} -> ${end.toFixed(0)})`,
        value: growth,
        threshold: options.growth,
        window: n,
        action:
          "Read the longest rewarded completions; add a length penalty or cap, or fix the reward that pays for length.",
        evidence: finiteEvidence({
          correlation,
          slopePerStep: trend.slope,
          tStat: trend.tStat,
          growth,
          startLength: start,
        }),
      },
    ];
  },
};
