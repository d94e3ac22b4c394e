import type { AlertDraft, DetectorOptions, RewardDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger } from "./lib/check-options.js";
import { finiteEvidence, percent } from "./lib/evidence.js";
import { createRing, type Ring, ringFull, ringPush, ringValues } from "./lib/history.js";
import { sampleMean, sampleVariance } from "./lib/sample.js";
import { escalate } from "./lib/severity.js";

const ID = "trend";

/** Options of the trend detector (alert types "trend_up" and "trend_down"). */
export interface TrendOptions extends DetectorOptions {
  /** Steps in each of the two windows compared (previous and current). Default 100. */
  window: number;
  /** Relative change of the mean between the windows needed. Default 0.1 (10%). */
  change: number;
  /** Welch t statistic (on the step means) needed, so that noise does not fire it. Default 4. */
  t: number;
}

/** The last 2 x window step means, and when each direction last alerted. */
export interface TrendState {
  seen: number;
  means: Ring;
  lastUp: number | null;
  lastDown: number | null;
}

/** Welch's t of the difference of two means; 0 when both samples are constant and equal. */
function welchT(a: readonly number[], b: readonly number[]): number {
  const diff = sampleMean(b) - sampleMean(a);
  const se = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
  if (se > 0) return diff / se;
  return diff === 0 ? 0 : Math.sign(diff) * Number.MAX_VALUE;
}

/**
 * A sustained trend of a function's step mean: the mean of the last `window` step means against the `window`
 * before, a relative change beyond `change` with |Welch t| >= `t`. The change is relative to the previous
 * mean, or to the previous window's spread when that mean is near 0. Each direction alerts at most once per
 * `window` steps. trend_up is always low (information: usually learning); trend_down is `severity`
 * (default medium), +1 when the drop is >= 3 x `change`.
 * @example
 * const state = trendDetector.init(trendDetector.defaults);
 * const alerts = trendDetector.check(input, state, trendDetector.defaults);
 */
export const trendDetector: RewardDetector<TrendOptions, TrendState> = {
  id: ID,
  scope: "reward",
  description: "A significant rise or fall of a function's mean between two consecutive windows of steps.",
  defaults: { enabled: true, severity: "medium", warmup: 0, window: 100, change: 0.1, t: 4 },

  init(options) {
    checkBaseOptions(ID, options);
    checkInteger(ID, "window", options.window, 2);
    checkAbove(ID, "change", options.change, 0);
    checkAbove(ID, "t", options.t, 0);
    return { seen: 0, means: createRing(2 * options.window), lastUp: null, lastDown: null };
  },

  check(input, state, options) {
    const mean = input.stats.batch.mean;
    if (input.stats.batch.count === 0 || !Number.isFinite(mean)) return [];
    state.seen++;
    ringPush(state.means, mean);
    if (!ringFull(state.means) || state.seen <= options.warmup) return [];
    const means = ringValues(state.means);
    const previous = means.slice(0, options.window);
    const current = means.slice(options.window);
    const before = sampleMean(previous);
    const after = sampleMean(current);
    const spread = Math.sqrt(sampleVariance(previous));
    const change = (after - before) / Math.max(Math.abs(before), spread, 1e-12);
    const t = welchT(previous, current);
    if (Math.abs(change) <= options.change || Math.abs(t) < options.t) return [];
    const up = change > 0;
    const last = up ? state.lastUp : state.lastDown;
    if (last !== null && input.step - last < options.window) return [];
    if (up) state.lastUp = input.step;
    else state.lastDown = input.step;
    const alert: AlertDraft = {
      type: up ? "trend_up" : "trend_down",
      severity: up ? "low" : escalate(options.severity, change <= -3 * options.change ? 1 : 0),
      message:
        `Reward '${input.fn}' trending ${up ? "up" : "down"}: mean ${after.toPrecision(4)} over the last ${options.window} ` +
        `steps vs ${before.toPrecision(4)} before (${up ? "+" : ""}${percent(change)}, t=${t.toFixed(1)})`,
      value: change,
      threshold: up ? options.change : -options.change,
      window: 2 * options.window,
      action: up
        ? "Usually learning; if this function was not expected to rise, read the top-rewarded completions for gaming."
        : "The policy is getting worse on this reward: check the learning rate, KL and recent changes; consider a checkpoint rollback.",
      evidence: finiteEvidence({ previousMean: before, currentMean: after, change, t, previousSd: spread }),
    };
    return [alert];
  },
};
