import { RewardscopeError } from "../errors.js";
import type { RewardStats, RunQuantiles } from "../monitor/report.js";
import { updateEma } from "./ema.js";
import { addAllToSketch, createSketch, type SketchState, sketchQuantile } from "./quantile-sketch.js";
import { createRollingWindow, pushValues, type RollingWindowState, windowValues } from "./rolling-window.js";
import { summarize } from "./summary.js";

/** Everything a run remembers about one reward function, as plain JSON data. */
export interface RewardTrackerState {
  window: RollingWindowState;
  /** EMAs of the step means; null until a step has a finite value. */
  emaShort: number | null;
  emaLong: number | null;
  sketch: SketchState;
  /** Steps seen (those without any finite value included). */
  steps: number;
  /** Step means seen in aggregates (reward_stats): the last one and the extremes, to spot a stuck function. */
  aggregateMeans?: { last: number; min: number; max: number };
}

/** Options of createRewardTracker. */
export interface RewardTrackerOptions {
  /** Values kept in the rolling window. Default 1000. */
  window: number;
}

/** Options of updateRewardTracker. */
export interface RewardUpdateOptions {
  /** Histogram bins. Default 20. */
  bins: number;
  /** EMA weights of the newest step mean. Defaults 0.1 and 0.01. */
  emaShortAlpha: number;
  emaLongAlpha: number;
}

/** Defaults of the tracker options. */
export const REWARD_TRACKER_DEFAULTS: RewardTrackerOptions & RewardUpdateOptions = {
  window: 1000,
  bins: 20,
  emaShortAlpha: 0.1,
  emaLongAlpha: 0.01,
};

/**
 * The state of a reward function at the start of a run.
 * @example
 * const state = createRewardTracker({ window: 1000 });
 * const { stats } = updateRewardTracker(state, [1, 0, null, 1]);
 * stats.batch.mean; // 0.666...
 * stats.nullCount; // 1
 */
export function createRewardTracker(options: Partial<RewardTrackerOptions> = {}): RewardTrackerState {
  const { window } = { ...REWARD_TRACKER_DEFAULTS, ...options };
  return {
    window: createRollingWindow(window),
    emaShort: null,
    emaLong: null,
    sketch: createSketch(),
    steps: 0,
  };
}

/**
 * Takes one step's raw values of a reward function (mutates the state) and returns its statistics
 * and its finite values, in input order. Nulls count as `nullCount`, NaN and ±Infinity as
 * `nanCount`; both are left out of every statistic. The window summary includes this step; EMAs are
 * left as they were (NaN in `stats` while never set) when the step has no finite value.
 */
export function updateRewardTracker(
  state: RewardTrackerState,
  raw: ArrayLike<number | null>,
  options: Partial<RewardUpdateOptions> = {},
): { stats: RewardStats; values: Float64Array } {
  const { bins, emaShortAlpha, emaLongAlpha } = { ...REWARD_TRACKER_DEFAULTS, ...options };
  const n = raw.length;
  const finite = new Float64Array(n);
  let k = 0;
  let nullCount = 0;
  let nanCount = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (v === null || v === undefined) nullCount++;
    else if (typeof v !== "number") {
      throw new RewardscopeError(
        "invalid_argument",
        `must be a number or null, got ${typeof v}`,
        `raw[${i}]`,
      );
    } else if (v - v !== 0) nanCount++;
    else finite[k++] = v;
  }
  const values = k === n ? finite : finite.slice(0, k);
  const batch = summarize(values, bins);
  if (k > 0) {
    state.emaShort = updateEma(state.emaShort, batch.summary.mean, emaShortAlpha);
    state.emaLong = updateEma(state.emaLong, batch.summary.mean, emaLongAlpha);
  }
  pushValues(state.window, values);
  addAllToSketch(state.sketch, values);
  state.steps++;
  const stats: RewardStats = {
    batch: batch.summary,
    window: summarize(windowValues(state.window), bins).summary,
    emaShort: state.emaShort ?? Number.NaN,
    emaLong: state.emaLong ?? Number.NaN,
    nullCount,
    nanCount,
    histogram: batch.histogram,
    run: runQuantiles(state.sketch),
  };
  return { stats, values };
}

/** Run-long figures of a sketch: exact count, mean, min and max; p50/p90/p99 within its accuracy. */
export function runQuantiles(sketch: SketchState): RunQuantiles {
  const empty = sketch.count === 0;
  return {
    count: sketch.count,
    mean: empty ? Number.NaN : sketch.sum / sketch.count,
    min: sketch.min ?? Number.NaN,
    max: sketch.max ?? Number.NaN,
    p50: sketchQuantile(sketch, 0.5),
    p90: sketchQuantile(sketch, 0.9),
    p99: sketchQuantile(sketch, 0.99),
  };
}
