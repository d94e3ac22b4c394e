import type { AlertDraft, DetectorOptions, RewardDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { createRing, type Ring, ringPush, ringValues } from "./lib/history.js";
import { medianAbsDeviation, sampleMedian } from "./lib/sample.js";
import { escalate } from "./lib/severity.js";

const ID = "outlier";

/** Options of the outlier detector. */
export interface OutlierOptions extends DetectorOptions {
  /**
   * Robust z-score of the step mean at or above which it is an outlier. Default 6: a robust z above 3 happens
   * on ~0.3% of the steps of any noisy series; step means are heavier-tailed than normal (the prompt mix of a
   * batch, one very long completion under a length penalty), and at 5 simulated healthy runs still raised
   * ~1 per 1,000 steps.
   */
  threshold: number;
  /** Step means of history the median and MAD are taken over. Default 200. */
  window: number;
  /** The latest step means whose median is the local level, which the step must also stand out from. Default 10. */
  localWindow: number;
}

/** The recent step means, and the current run of consecutive outlying steps. */
export interface OutlierState {
  means: Ring;
  /** Consecutive outlying steps on the same side; 0 when this step is not an outlier. */
  streak: number;
  /** Side of the current run: 1 above, -1 below, 0 none. */
  side: number;
  /** EWMA of the within-step std of the values (null until seen). */
  spread: number | null;
}

/** Normal-consistency factors: sd ~ 1.4826 MAD ~ 1.2533 mean absolute deviation. */
const MAD_TO_SD = 1.4826;
const MEAN_AD_TO_SD = 1.2533;

/**
 * The spread of the history in sd units: the scaled MAD, or, when more than half the means are equal (a
 * saturated reward), the scaled mean absolute deviation, so that one different step is not an infinite z.
 */
function robustScale(history: readonly number[], center: number, side: number): number {
  // Each side is measured by its own half of the history: step means of a skewed reward (a penalty that is
  // mostly 0) have a long tail on one side that a symmetric MAD would call outliers.
  const half = history.filter((x) => (side > 0 ? x >= center : x <= center));
  const mad = medianAbsDeviation(half.length >= 3 ? half : history, center);
  if (mad > 0) return MAD_TO_SD * mad;
  const meanAd = history.reduce((s, x) => s + Math.abs(x - center), 0) / history.length;
  return Math.max(MEAN_AD_TO_SD * meanAd, 1e-9 * Math.max(1, Math.abs(center)));
}

/**
 * A step whose mean reward is far from the recent step means: robust z = (mean - median) / (1.4826 MAD) over
 * the last `window` step means (the MAD of the side the step lies on, floored by the sampling noise of a mean),
 * alert at |z| >= `threshold` when the step is also that far from the median of the last `localWindow` means and
 * beyond every mean of the window. Only the first step of a run of outlying steps on
 * the same side alerts: a lasting shift is one outlier here and a level change for `level_change`.
 * Severity: `severity` (default low), one level up (medium) when |z| >= 2 x threshold.
 * @example
 * const state = outlierDetector.init(outlierDetector.defaults);
 * const alerts = outlierDetector.check(input, state, outlierDetector.defaults);
 */
export const outlierDetector: RewardDetector<OutlierOptions, OutlierState> = {
  id: ID,
  scope: "reward",
  description: "A step mean far outside the recent step means (robust z-score over median and MAD).",
  defaults: { enabled: true, severity: "low", warmup: 20, threshold: 6, window: 200, localWindow: 10 },

  init(options) {
    checkBaseOptions(ID, options);
    checkAbove(ID, "threshold", options.threshold, 0);
    checkInteger(ID, "window", options.window, 3);
    checkInteger(ID, "localWindow", options.localWindow, 1);
    return { means: createRing(options.window), streak: 0, side: 0, spread: null };
  },

  check(input, state, options) {
    const mean = input.stats.batch.mean;
    if (input.stats.batch.count === 0 || !Number.isFinite(mean)) return [];
    const history = ringValues(state.means);
    ringPush(state.means, mean);
    if (history.length < Math.max(options.warmup, 3)) return [];
    const { std, count } = input.stats.batch;
    if (Number.isFinite(std))
      state.spread = state.spread === null ? std : state.spread + 0.05 * (std - state.spread);
    const center = sampleMedian(history);
    // Floored by the sampling noise of a mean of `count` values: skewed step means (a penalty that is mostly 0)
    // have a small MAD that ordinary sampling noise would exceed.
    const scale = Math.max(
      robustScale(history, center, Math.sign(mean - center)),
      (state.spread ?? 0) / Math.sqrt(Math.max(1, count)),
    );
    const z = (mean - center) / scale;
    // An outlier stands out from the local level too (a fast rise is not a string of outliers) and lies beyond
    // every step mean of the window (a reward with a heavy tail has its own extremes).
    const local = sampleMedian(history.slice(-options.localWindow));
    const zLocal = (mean - local) / scale;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const x of history) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
    const outside = z > 0 ? mean > hi : mean < lo;
    const strong =
      Math.abs(z) >= options.threshold &&
      Math.abs(zLocal) >= options.threshold &&
      Math.sign(zLocal) === Math.sign(z);
    const side = strong ? Math.sign(z) : 0;
    state.streak = side !== 0 && side === state.side ? state.streak + 1 : side === 0 ? 0 : 1;
    state.side = side;
    if (state.streak !== 1 || !outside) return [];
    const alert: AlertDraft = {
      type: "outlier",
      severity: escalate(options.severity, Math.abs(z) >= 2 * options.threshold ? 1 : 0),
      message:
        `Reward '${input.fn}' step mean ${mean.toPrecision(4)} is an outlier ${z > 0 ? "above" : "below"} ` +
        `the last ${history.length} steps (median ${center.toPrecision(4)}, robust z ${z.toFixed(1)})`,
      value: Math.abs(z),
      threshold: options.threshold,
      window: history.length,
      action:
        "Inspect this step's completions and rewards: a bad batch, a reward-function glitch or a data issue.",
      evidence: finiteEvidence({
        mean,
        median: center,
        localMedian: local,
        scale,
        z,
        count: input.stats.batch.count,
      }),
    };
    return [alert];
  },
};
