import { updateEma } from "../stats/ema.js";
import { linearTrend } from "../stats/linear-trend.js";
import { spearmanEach } from "../stats/rank-correlation.js";
import type { DetectorOptions, StepDetector, StepView } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "length_hacking";

/** Options of the length-hacking detector. */
export interface LengthHackingOptions extends DetectorOptions {
  /**
   * The EWMA of the per-step length-reward rank correlation (of the total reward, or of any one function when
   * lengths are sent) must reach this. Default 0.5.
   */
  correlation: number;
  /** Smoothing of that EWMA. Default 0.1. */
  correlationAlpha: number;
  /** Steps of mean completion length in the trend fit; nothing is judged before it is full. Default 50. */
  window: number;
  /** The length slope's t statistic must exceed this. Default 3. */
  tStat: number;
  /**
   * ...and the fitted length growth over the window must exceed this fraction of its start. Default 0.15: on
   * generated runs it caught lengths growing 30-100% per 100 steps with no false alarm in 37,000 healthy steps
   * whose lengths drift with learning (0.3 needed 50 steps of growth and missed the slower half).
   */
  growth: number;
}

/** The correlation EWMA (null: none yet), the last `window` mean lengths, the steps seen, the run of hacking steps. */
export interface LengthHackingState {
  correlation: number | null;
  /** The same EWMA per reward function (steps with per-completion lengths only). */
  byFunction?: Record<string, number>;
  lengths: number[];
  seen: number;
  hacking: Streak;
}

/**
 * Rank correlation of each reward function's values with the completion lengths of the step (only when the
 * step carries per-completion lengths): one function that pays for length is diluted in the total reward.
 */
function functionCorrelations(view: StepView): Record<string, number> {
  const lengths = view.batch.lengths;
  const out: Record<string, number> = {};
  if (!lengths) return out;
  const x = lengths.map((l) => (typeof l === "number" ? l : Number.NaN));
  const fns = Object.keys(view.batch.rewards).filter((fn) => view.batch.rewards[fn]?.length === x.length);
  const ys = fns.map((fn) =>
    (view.batch.rewards[fn] ?? []).map((v) => (typeof v === "number" ? v : Number.NaN)),
  );
  spearmanEach(x, ys).forEach((rho, i) => {
    if (rho !== null && Number.isFinite(rho)) out[fns[i] as string] = rho;
  });
  return out;
}

/**
 * Reward bought with length: the reward follows completion length (EWMA of quality.lengthRewardCorrelation,
 * or of one function's correlation with the lengths, >= `correlation`) AND the mean length rises fast (over the last `window` steps its least-squares slope has
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
    growth: 0.15,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "correlation", options.correlation, -1, 1);
    checkRange(ID, "correlationAlpha", options.correlationAlpha, 1e-6, 1);
    checkInteger(ID, "window", options.window, 3);
    checkAbove(ID, "tStat", options.tStat, 0);
    checkAbove(ID, "growth", options.growth, 0);
    return { correlation: null, byFunction: {}, lengths: [], seen: 0, hacking: createStreak() };
  },

  check(view, state, options) {
    const rho = finiteOrNull(view.report.quality?.lengthRewardCorrelation);
    const length = finiteOrNull(view.report.quality?.meanLength);
    if (rho === null && length === null) return [];
    state.seen++;
    if (rho !== null) state.correlation = updateEma(state.correlation, rho, options.correlationAlpha);
    state.byFunction ??= {};
    const byFunction = state.byFunction;
    for (const [fn, r] of Object.entries(functionCorrelations(view)))
      byFunction[fn] = updateEma(byFunction[fn] ?? null, r, options.correlationAlpha);
    if (length !== null) {
      state.lengths.push(length);
      while (state.lengths.length > options.window) state.lengths.shift();
    }
    const correlation = Math.max(state.correlation ?? Number.NEGATIVE_INFINITY, ...Object.values(byFunction));
    if (
      !Number.isFinite(correlation) ||
      state.lengths.length < options.window ||
      state.seen <= options.warmup
    )
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
