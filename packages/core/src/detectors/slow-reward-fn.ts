import { updateEma } from "../stats/ema.js";
import type { AlertDraft, DetectorOptions, StepDetector } from "./detector.js";
import { checkAbove, checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "slow_reward_fn";

/** Options of the slow-reward-fn detector. */
export interface SlowRewardFnOptions extends DetectorOptions {
  /** Alert when a function's mean time per call in a step exceeds this (ms). Default 1000. */
  avgMs: number;
  /** Alert when a function's slowest call in a step exceeds this (ms). Default 10000. */
  maxMs: number;
  /** Alert when the mean time per call exceeds this multiple of the function's own baseline. Default 3. */
  riseFactor: number;
  /** Smoothing of the baseline: an EWMA of the mean time per call. Default 0.05. */
  baselineAlpha: number;
  /** Steps of a function's timings before the rise rule applies. Default 10. */
  baselineSteps: number;
  /**
   * The rise rule ignores mean times under this (ms): 0.1 ms -> 0.4 ms is not worth a page. Default 5: a function
   * called 64 times a step that goes from 2 to 20 ms per call adds over a second to every step.
   */
  minRiseMs: number;
  /** The alert is high when its value is at least this multiple of its threshold. Default 5. */
  highFactor: number;
}

/** One function's EWMA baseline of its mean time per call, the steps it rests on, and its run of slow steps. */
export interface SlowFunctionState {
  baselineMs: number;
  steps: number;
  slow: Streak;
}

/** Per function timing state. */
export interface SlowRewardFnState {
  functions: Record<string, SlowFunctionState>;
}

interface Verdict {
  what: string;
  value: number;
  threshold: number;
  window: number;
}

function verdict(
  avg: number,
  max: number,
  baseline: SlowFunctionState | undefined,
  o: SlowRewardFnOptions,
): Verdict | null {
  if (avg > o.avgMs)
    return {
      what: `takes ${avg.toFixed(0)} ms per call on average`,
      value: avg,
      threshold: o.avgMs,
      window: 1,
    };
  if (max > o.maxMs)
    return { what: `had a call of ${max.toFixed(0)} ms`, value: max, threshold: o.maxMs, window: 1 };
  if (baseline === undefined || baseline.steps < o.baselineSteps || avg < o.minRiseMs) return null;
  const ratio = avg / baseline.baselineMs;
  if (!(ratio > o.riseFactor)) return null;
  const what = `slowed to ${avg.toFixed(0)} ms per call, ${ratio.toFixed(1)}x its baseline of ${baseline.baselineMs.toFixed(0)} ms`;
  // An EWMA rests on about 1/alpha steps, or on all of them while there are fewer.
  const window = Math.min(baseline.steps, Math.round(1 / o.baselineAlpha));
  return { what, value: ratio, threshold: o.riseFactor, window };
}

/**
 * Reward functions that slow training down: mean time per call above `avgMs`, a call above `maxMs`, or a
 * sudden rise of the mean time to more than `riseFactor` times the function's own EWMA baseline. One alert per
 * run of slow steps, again if its severity rises.
 * @example
 * const state = slowRewardFnDetector.init(slowRewardFnDetector.defaults);
 * const alerts = slowRewardFnDetector.check(view, state, slowRewardFnDetector.defaults);
 */
export const slowRewardFnDetector: StepDetector<SlowRewardFnOptions, SlowRewardFnState> = {
  id: ID,
  scope: "step",
  description: "Reward functions that are slow per call, have very slow calls, or suddenly slow down.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 0,
    avgMs: 1000,
    maxMs: 10_000,
    riseFactor: 3,
    baselineAlpha: 0.05,
    baselineSteps: 10,
    minRiseMs: 5,
    highFactor: 5,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkAbove(ID, "avgMs", options.avgMs, 0);
    checkAbove(ID, "maxMs", options.maxMs, 0);
    checkAbove(ID, "riseFactor", options.riseFactor, 1);
    checkRange(ID, "baselineAlpha", options.baselineAlpha, 1e-6, 1);
    checkInteger(ID, "baselineSteps", options.baselineSteps, 1);
    checkRange(ID, "minRiseMs", options.minRiseMs, 0);
    checkAbove(ID, "highFactor", options.highFactor, 1);
    return { functions: {} };
  },

  check(view, state, options) {
    const alerts: AlertDraft[] = [];
    for (const [fn, c] of Object.entries(view.report.calls)) {
      const avg = c.totalMs / c.calls;
      if (!(c.calls > 0) || !Number.isFinite(avg) || avg < 0) continue;
      const max = Number.isFinite(c.maxMs) ? c.maxMs : avg;
      const previous = state.functions[fn];
      const found = verdict(avg, max, previous, options);
      const fnState: SlowFunctionState = previous ?? { baselineMs: avg, steps: 0, slow: createStreak() };
      const baselineMs = previous?.baselineMs;
      fnState.baselineMs = updateEma(previous?.baselineMs ?? null, avg, options.baselineAlpha);
      fnState.steps++;
      state.functions[fn] = fnState;
      advanceStreak(fnState.slow, found !== null, view.step);
      if (found === null || fnState.steps <= options.warmup) continue;
      const severity = found.value >= options.highFactor * found.threshold ? "high" : options.severity;
      if (!shouldRaise(fnState.slow, severity)) continue;
      alerts.push({
        type: "slow_reward_fn",
        severity,
        rewardFn: fn,
        message: `Reward function '${fn}' ${found.what}`,
        value: found.value,
        threshold: found.threshold,
        window: found.window,
        action:
          "Profile the function: cache, batch or parallelise its calls, and set a timeout on external calls.",
        evidence: finiteEvidence({ avgMs: avg, maxMs: max, calls: c.calls, baselineMs }),
      });
    }
    return alerts;
  },
};
