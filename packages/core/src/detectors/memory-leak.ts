import { linearTrend } from "../stats/linear-trend.js";
import type { DetectorOptions, StepDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkNames } from "./lib/check-options.js";
import { finiteEvidence, percent } from "./lib/evidence.js";
import { pickMetric } from "./lib/pick-metric.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "memory_leak";

/** Options of the memory-leak detector. */
export interface MemoryLeakOptions extends DetectorOptions {
  /** The memory metric: the first of these names the run logs. Default ["memory_mb", "memory_allocated_mb", "gpu_memory_mb", "rss_mb"]. */
  metrics: string[];
  /** Steps of the trend fit; nothing is judged before the window is full. Default 100. */
  window: number;
  /** The slope's t statistic must exceed this: far above chance, since memory series are smooth. Default 8. */
  tStat: number;
  /** ...and the fitted growth over the window must exceed this fraction of the level at its start. Default 0.05. */
  growth: number;
}

/** The metric followed, its last `window` values, the steps seen and the run of leaking steps. */
export interface MemoryLeakState {
  metric: string | null;
  values: number[];
  seen: number;
  leak: Streak;
}

/**
 * Memory that keeps growing: over the last `window` steps the least-squares slope of the memory metric has a
 * t statistic above `tStat` AND its projected growth over the window, slope x (window - 1), exceeds `growth`
 * of the fitted level at the window's start. Noisy flat memory, one-off allocations (a step, not a slope,
 * under `growth`) and slow sawtooth caches stay silent. The first `warmup` (default 10) steps, where memory
 * ramps up, stay out of the fit. One alert per leaking run of steps, again if it grows to twice `growth` (high).
 * @example
 * const state = memoryLeakDetector.init(memoryLeakDetector.defaults);
 * const alerts = memoryLeakDetector.check(view, state, memoryLeakDetector.defaults);
 */
export const memoryLeakDetector: StepDetector<MemoryLeakOptions, MemoryLeakState> = {
  id: ID,
  scope: "step",
  description: "Memory growing steadily step after step (significant linear trend over a window).",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 10,
    metrics: ["memory_mb", "memory_allocated_mb", "gpu_memory_mb", "rss_mb"],
    window: 100,
    tStat: 8,
    growth: 0.05,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkNames(ID, "metrics", options.metrics);
    checkInteger(ID, "window", options.window, 3);
    checkAbove(ID, "tStat", options.tStat, 0);
    checkAbove(ID, "growth", options.growth, 0);
    return { metric: null, values: [], seen: 0, leak: createStreak() };
  },

  check(view, state, options) {
    const metric = pickMetric(view.report.metrics, options.metrics, state.metric);
    if (metric === null) return [];
    state.metric = metric;
    state.seen++;
    // Memory ramps up over the first steps (weights, caches, allocator pools): those steps stay out of the fit.
    if (state.seen <= options.warmup) return [];
    state.values.push(view.report.metrics[metric] as number);
    while (state.values.length > options.window) state.values.shift();
    if (state.values.length < options.window) return [];
    const trend = linearTrend(state.values);
    const n = state.values.length;
    const rise = trend.slope * (n - 1);
    // Growth is relative to the fitted level at the window's start; a level at or below 0 is not memory.
    const level = trend.intercept;
    const growth = rise / level;
    const leaking = level > 0 && trend.tStat > options.tStat && growth > options.growth;
    advanceStreak(state.leak, leaking, view.step);
    if (!leaking) return [];
    const severity = growth >= 2 * options.growth ? "high" : options.severity;
    if (!shouldRaise(state.leak, severity)) return [];
    return [
      {
        type: "memory_leak",
        severity,
        metric,
        message: `Memory '${metric}' grows steadily: +${rise.toPrecision(3)} over ${n} steps (${percent(growth)}, ${trend.slope.toPrecision(3)} per step)`,
        value: growth,
        threshold: options.growth,
        window: n,
        action:
          "Look for tensors kept across steps (logged losses not .item()'d, growing caches or lists); profile memory.",
        evidence: finiteEvidence({
          slopePerStep: trend.slope,
          tStat: trend.tStat,
          r2: trend.r2,
          level,
          growth,
        }),
      },
    ];
  },
};
