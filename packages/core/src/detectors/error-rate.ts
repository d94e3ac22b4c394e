import type { AlertDraft, DetectorOptions, StepDetector, StepView } from "./detector.js";
import { checkBaseOptions, checkInteger, checkRange } from "./lib/check-options.js";
import { percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "error_rate";

/** Options of the error-rate detector. */
export interface ErrorRateOptions extends DetectorOptions {
  /** Alert when a function's errors / calls in a step reach this. Default 0.05. */
  rate: number;
  /** At or above this error rate the alert is critical. Default 0.5. */
  criticalRate: number;
  /**
   * Judge the error rate only in steps where the function was called at least this often. Default 1: a trainer
   * like TRL calls each reward function once or a few times per step, on a whole batch.
   */
  minCalls: number;
  /**
   * A step counts as failing only with at least this many errors (or when every call failed). Default 2: one
   * timeout among a step's 16 calls is 6% but no failing function; measured on generated healthy runs, single
   * failures gave 0.24 alarms per 1,000 steps.
   */
  minErrors: number;
  /** Alert (high) when a function returned only nulls for this many consecutive steps while others returned values. Default 5. */
  minSteps: number;
}

/** Steps with input seen; per function, the run of failing steps and the run of all-null steps. */
export interface ErrorRateState {
  seen: number;
  errors: Record<string, Streak>;
  nulls: Record<string, Streak>;
}

function errorAlert(
  fn: string,
  calls: number,
  errors: number,
  streak: Streak,
  o: ErrorRateOptions,
): AlertDraft | null {
  const rate = errors / calls;
  const severity = rate >= o.criticalRate ? "critical" : o.severity;
  if (!shouldRaise(streak, severity)) return null;
  return {
    type: "error_rate",
    severity,
    rewardFn: fn,
    message: `Reward function '${fn}' failed on ${percent(rate)} of its calls (${errors} of ${calls})`,
    value: rate,
    threshold: o.rate,
    window: streak.count,
    action:
      "Read the reward function's exceptions (timeouts, parse errors, API limits): failed calls score as null.",
    evidence: { calls, errors, errorRate: rate, failingSteps: streak.count },
  };
}

function nullAlert(fn: string, streak: Streak, nulls: number, o: ErrorRateOptions): AlertDraft | null {
  if (streak.count < o.minSteps || !shouldRaise(streak, "high")) return null;
  return {
    type: "error_rate",
    severity: "high",
    rewardFn: fn,
    message: `Reward function '${fn}' returned only nulls for ${streak.count} steps while the others returned values`,
    value: streak.count,
    threshold: o.minSteps,
    window: streak.count,
    action: "Check that the function applies to these prompts and does not swallow its errors into null.",
    evidence: { nullSteps: streak.count, nullsThisStep: nulls },
  };
}

/** Advances each function's all-null run: only nulls this step while another function returned values. */
function advanceNulls(view: StepView, state: ErrorRateState): string[] {
  const fns = Object.keys(view.batch.rewards).filter((fn) => (view.batch.rewards[fn]?.length ?? 0) > 0);
  const hasValues = (fn: string) => (view.values[fn]?.length ?? 0) > 0;
  const anyValues = fns.some(hasValues);
  for (const fn of fns) {
    state.nulls[fn] ??= createStreak();
    advanceStreak(state.nulls[fn], anyValues && !hasValues(fn), view.step);
  }
  return fns;
}

/**
 * Reward functions that fail: errors / calls >= `rate` in a step with at least `minCalls` calls and `minErrors`
 * errors (or all of them failed) (critical at
 * `criticalRate`), or a function that returns only nulls for `minSteps` steps while the others return values.
 * One alert per failing run of steps, again if its severity rises.
 * @example
 * const state = errorRateDetector.init(errorRateDetector.defaults);
 * const alerts = errorRateDetector.check(view, state, errorRateDetector.defaults);
 */
export const errorRateDetector: StepDetector<ErrorRateOptions, ErrorRateState> = {
  id: ID,
  scope: "step",
  description:
    "Reward functions that throw (error rate per step) or return only nulls while the others do not.",
  defaults: {
    enabled: true,
    severity: "high",
    warmup: 0,
    rate: 0.05,
    criticalRate: 0.5,
    minCalls: 1,
    minErrors: 2,
    minSteps: 5,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "rate", options.rate, 0, 1);
    checkRange(ID, "criticalRate", options.criticalRate, 0, 1);
    checkInteger(ID, "minCalls", options.minCalls, 1);
    checkInteger(ID, "minErrors", options.minErrors, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, errors: {}, nulls: {} };
  },

  check(view, state, options) {
    if (Object.keys(view.report.calls).length === 0 && Object.keys(view.batch.rewards).length === 0)
      return [];
    state.seen++;
    const judged = state.seen > options.warmup;
    const alerts: AlertDraft[] = [];
    const failing = new Set<string>();
    for (const [fn, c] of Object.entries(view.report.calls)) {
      // A step with few calls says little about the error rate: it leaves the run of failing steps as it is.
      if (!(c.calls >= options.minCalls)) continue;
      const fails =
        c.errors / c.calls >= options.rate && (c.errors >= options.minErrors || c.errors === c.calls);
      state.errors[fn] ??= createStreak();
      const streak = state.errors[fn];
      advanceStreak(streak, fails, view.step);
      if (!fails) continue;
      failing.add(fn);
      const alert = judged ? errorAlert(fn, c.calls, c.errors, streak, options) : null;
      if (alert) alerts.push(alert);
    }
    for (const fn of advanceNulls(view, state)) {
      // A failing function's nulls are explained by its errors.
      const streak = state.nulls[fn];
      if (!judged || failing.has(fn) || !streak) continue;
      const alert = nullAlert(fn, streak, view.batch.rewards[fn]?.length ?? 0, options);
      if (alert) alerts.push(alert);
    }
    return alerts;
  },
};
