import { updateEma } from "../stats/ema.js";
import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkNames, checkRange } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { pickMetric } from "./lib/pick-metric.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "kl_spike";

/** Options of the kl-spike detector. */
export interface KlSpikeOptions extends DetectorOptions {
  /** The KL metric: the first of these names the run logs. Default ["kl", "objective/kl", "actor/kl_loss", "train/kl"]. */
  metrics: string[];
  /** Alert when KL exceeds this multiple of its running baseline. Default 5. */
  factor: number;
  /** ...and exceeds this absolute value, so a jump from 0.001 to 0.01 is not a spike. Default 0.1. */
  minKl: number;
  /** Smoothing of the baseline, an EWMA of KL. Default 0.05. */
  baselineAlpha: number;
}

/** The metric followed, its EWMA baseline (null: none yet), the steps seen and the run of spiking steps. */
export interface KlSpikeState {
  metric: string | null;
  baseline: number | null;
  seen: number;
  spike: Streak;
}

/**
 * A sudden KL jump: KL > max(`factor` x its EWMA baseline, `minKl`). The policy moved far from the
 * reference in one step (too high a learning rate, a bad batch, a reward exploit). KL often starts at exactly 0
 * (policy = reference); the threshold is then `minKl`, never a division by zero. The spike joins the
 * baseline afterwards, so a lasting new level stops counting as a spike after a few steps. One alert per run
 * of spiking steps, again if its severity rises. Waits `warmup` (default 10) steps for a baseline; high when
 * KL is at least twice the threshold.
 * @example
 * const state = klSpikeDetector.init(klSpikeDetector.defaults);
 * const alerts = klSpikeDetector.check(view, state, klSpikeDetector.defaults);
 */
export const klSpikeDetector: StepDetector<KlSpikeOptions, KlSpikeState> = {
  id: ID,
  scope: "step",
  description: "KL divergence jumping far above its running baseline.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 10,
    metrics: ["kl", "objective/kl", "actor/kl_loss", "train/kl"],
    factor: 5,
    minKl: 0.1,
    baselineAlpha: 0.05,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkNames(ID, "metrics", options.metrics);
    checkAbove(ID, "factor", options.factor, 1);
    checkRange(ID, "minKl", options.minKl, 0);
    checkRange(ID, "baselineAlpha", options.baselineAlpha, 1e-6, 1);
    return { metric: null, baseline: null, seen: 0, spike: createStreak() };
  },

  check(view, state, options) {
    const metric = pickMetric(view.report.metrics, options.metrics, state.metric);
    if (metric === null) return [];
    state.metric = metric;
    const kl = view.report.metrics[metric] as number;
    const baseline = state.baseline;
    const judged = baseline !== null && state.seen >= options.warmup;
    state.baseline = updateEma(baseline, kl, options.baselineAlpha);
    state.seen++;
    if (!judged) return [];
    const threshold = Math.max(options.factor * baseline, options.minKl);
    advanceStreak(state.spike, kl > threshold, view.step);
    if (!(kl > threshold)) return [];
    const severity = kl >= 2 * threshold ? "high" : options.severity;
    if (!shouldRaise(state.spike, severity)) return [];
    const ratio = baseline > 0 ? kl / baseline : null;
    return [
      {
        type: "kl_spike",
        severity,
        metric,
        message: `KL '${metric}' jumped to ${kl.toPrecision(3)}${ratio === null ? "" : `, ${ratio.toFixed(1)}x`} its baseline ${baseline.toPrecision(3)}`,
        value: kl,
        threshold,
        // An EWMA rests on about 1/alpha steps, or on all of them while there are fewer.
        window: Math.min(state.seen - 1, Math.round(1 / options.baselineAlpha)),
        action:
          "Check this step's batch and rewards for an exploit; lower the learning rate or raise the KL coefficient.",
        evidence: finiteEvidence({ kl, baseline, ratio, factor: options.factor, minKl: options.minKl }),
      },
    ];
  },
};
