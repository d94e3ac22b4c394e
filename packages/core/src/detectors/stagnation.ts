import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "stagnation";

/** Options of the stagnation detector. */
export interface StagnationOptions extends DetectorOptions {
  /** Steps of the latest window; the starting level is the mean of the first window / 4 steps. Default 200. */
  window: number;
  /** Welch t statistic (latest window vs starting level) that counts as a significant rise. Default 3. */
  tStat: number;
  /** After a rise, the run has regressed when the latest window keeps less than this fraction of its best gain. Default 0.2. */
  retained: number;
}

/** Running mean and sum of squared deviations (Welford) of the starting level's step means. */
export interface LevelStats {
  n: number;
  mean: number;
  m2: number;
}

/** The starting level, the latest `window` step means, the steps seen, and the rise seen so far (null: none yet). */
export interface StagnationState {
  start: LevelStats;
  recent: number[];
  seen: number;
  /** Step of the first significant rise. */
  roseAt: number | null;
  /** Best latest-window mean since the rise. */
  bestMean: number | null;
  /** The run of stagnant (or regressed) steps. */
  stuck: Streak;
}

/** Mean and sample variance of a series. */
function meanVar(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0);
  return { mean, variance: xs.length > 1 ? ss / (xs.length - 1) : 0 };
}

/** Welch's t of mean a above mean b; ±Infinity when both are exact and differ, 0 when equal. */
function welchT(
  a: { mean: number; variance: number; n: number },
  b: { mean: number; variance: number; n: number },
): number {
  const diff = a.mean - b.mean;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (se > 0) return diff / se;
  return diff === 0 ? 0 : diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/**
 * The run learns nothing. Watches the total reward's step mean (report.aggregate.total.mean). After `window`
 * steps it fires while the latest `window` steps have never been significantly above the level of the first
 * window / 4 steps (Welch t < `tStat`). Convergence is not stagnation: once a significant rise has happened,
 * a plateau is fine, and only a regression back to the starting level fires (the latest window keeps less
 * than `retained` of the best gain over the start). One alert per stagnant (or regressed) run of steps.
 * @example
 * const state = stagnationDetector.init(stagnationDetector.defaults);
 * const alerts = stagnationDetector.check(view, state, stagnationDetector.defaults);
 */
export const stagnationDetector: StepDetector<StagnationOptions, StagnationState> = {
  id: ID,
  scope: "step",
  description:
    "Total reward that never rose significantly over a long window, or fell back to where it started.",
  defaults: { enabled: true, severity: "medium", warmup: 0, window: 200, tStat: 3, retained: 0.2 },

  init(options) {
    checkBaseOptions(ID, options);
    checkInteger(ID, "window", options.window, 8);
    checkAbove(ID, "tStat", options.tStat, 0);
    checkRange(ID, "retained", options.retained, 0, 1);
    return {
      start: { n: 0, mean: 0, m2: 0 },
      recent: [],
      seen: 0,
      roseAt: null,
      bestMean: null,
      stuck: createStreak(),
    };
  },

  check(view, state, options) {
    const total = view.report.aggregate.total;
    if (!(total.count > 0) || !Number.isFinite(total.mean)) return [];
    state.seen++;
    if (state.seen <= options.warmup) return [];
    const x = total.mean;
    const startSteps = Math.floor(options.window / 4);
    const s = state.start;
    if (s.n < startSteps) {
      s.n++;
      const delta = x - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (x - s.mean);
    }
    state.recent.push(x);
    while (state.recent.length > options.window) state.recent.shift();
    if (state.recent.length < options.window) return [];

    const latest = { ...meanVar(state.recent), n: state.recent.length };
    const t = welchT(latest, { mean: s.mean, variance: s.m2 / (s.n - 1), n: s.n });
    if (state.roseAt === null && t >= options.tStat) state.roseAt = view.step;
    if (state.roseAt !== null) state.bestMean = Math.max(state.bestMean ?? latest.mean, latest.mean);
    const n = options.window;
    const base = { startMean: s.mean, windowMean: latest.mean, welchT: t, startSteps, windowSteps: n };
    const action =
      "Check the reward functions (flat or constant?), the learning rate and the data: the policy is not improving.";

    const best = state.bestMean ?? latest.mean;
    const kept = best > s.mean ? (latest.mean - s.mean) / (best - s.mean) : 1;
    const stagnant = state.roseAt === null;
    advanceStreak(state.stuck, stagnant || kept < options.retained, view.step);
    if (state.stuck.count === 0 || !shouldRaise(state.stuck, options.severity)) return [];
    if (stagnant) {
      return [
        {
          type: "stagnation",
          severity: options.severity,
          metric: "aggregate.total.mean",
          message: `Total reward has not risen in ${state.seen - options.warmup} steps: mean ${latest.mean.toPrecision(3)} over the last ${n} steps vs ${s.mean.toPrecision(3)} over the first ${startSteps} (Welch t = ${t.toFixed(1)} < ${options.tStat})`,
          value: Number.isFinite(t) ? t : 0,
          threshold: options.tStat,
          window: n,
          action,
          evidence: finiteEvidence(base),
        },
      ];
    }
    return [
      {
        type: "stagnation",
        severity: options.severity,
        metric: "aggregate.total.mean",
        message: `Total reward fell back to its starting level: mean ${latest.mean.toPrecision(3)} over the last ${n} steps, start ${s.mean.toPrecision(3)}, best ${best.toPrecision(3)} (keeps ${(kept * 100).toFixed(0)}% of the gain)`,
        value: kept,
        threshold: options.retained,
        window: n,
        action:
          "Find what changed when the reward fell (learning rate, data, a reward function); roll back to the best checkpoint.",
        evidence: finiteEvidence({ ...base, bestMean: best, roseAtStep: state.roseAt }),
      },
    ];
  },
};
